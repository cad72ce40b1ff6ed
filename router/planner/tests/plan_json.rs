mod common;

use common::{plan_with, planner};
use planner::QueryPlan;

#[test]
fn serializes_plans_to_json_and_back() {
    let plan = plan_with(
        &planner("shop"),
        r#"query Q($r: Boolean!) { me { username reviews @include(if: $r) { body } } }"#,
        &[],
    );
    let json = serde_json::to_value(&plan).expect("serialize");
    insta::assert_json_snapshot!(json, @r#"
    {
      "node": {
        "kind": "Sequence",
        "nodes": [
          {
            "kind": "Fetch",
            "serviceName": "users",
            "operation": "query Q__users__0 { me { username __typename id } }",
            "operationName": "Q__users__0",
            "operationKind": "query",
            "variableUsages": []
          },
          {
            "kind": "Condition",
            "condition": "r",
            "ifClause": {
              "kind": "Flatten",
              "path": [
                "me"
              ],
              "node": {
                "kind": "Fetch",
                "serviceName": "reviews",
                "operation": "query Q__reviews__1($representations: [_Any!]!, $r: Boolean!) { _entities(representations: $representations) { __typename ... on User { reviews @include(if: $r) { body } } } }",
                "operationName": "Q__reviews__1",
                "operationKind": "query",
                "variableUsages": [
                  "r"
                ],
                "requires": [
                  {
                    "kind": "InlineFragment",
                    "typeCondition": "User",
                    "selections": [
                      {
                        "kind": "Field",
                        "name": "__typename"
                      },
                      {
                        "kind": "Field",
                        "name": "id"
                      }
                    ]
                  }
                ]
              }
            }
          }
        ]
      }
    }
    "#);
    let back: QueryPlan = serde_json::from_value(json).expect("deserialize");
    assert_eq!(back, plan);
}

#[test]
fn serializes_rewrites_for_aliases_and_interface_objects() {
    let aliased = plan_with(
        &planner("abstract"),
        r#"{ search(text: "a") { ... on Book { length } ... on Movie { length } } }"#,
        &[],
    );
    insta::assert_json_snapshot!(aliased, @r#"
    {
      "node": {
        "kind": "Fetch",
        "serviceName": "search",
        "operation": "query Operation__search__0 { search(text: \"a\") { __typename ... on Book { length } ... on Movie { length__alias_0: length } } }",
        "operationName": "Operation__search__0",
        "operationKind": "query",
        "variableUsages": [],
        "outputRewrites": [
          {
            "kind": "KeyRenamer",
            "path": [
              "search",
              "... on Movie",
              "length__alias_0"
            ],
            "renameKeyTo": "length"
          }
        ]
      }
    }
    "#);
    let interface_object = plan_with(
        &planner("interface_object"),
        r#"{ book(id: "1") { rating } }"#,
        &[],
    );
    insta::assert_json_snapshot!(interface_object, @r#"
    {
      "node": {
        "kind": "Sequence",
        "nodes": [
          {
            "kind": "Fetch",
            "serviceName": "media",
            "operation": "query Operation__media__0 { book(id: \"1\") { __typename id } }",
            "operationName": "Operation__media__0",
            "operationKind": "query",
            "variableUsages": []
          },
          {
            "kind": "Flatten",
            "path": [
              "book"
            ],
            "node": {
              "kind": "Fetch",
              "serviceName": "ratings",
              "operation": "query Operation__ratings__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Media { rating } } }",
              "operationName": "Operation__ratings__1",
              "operationKind": "query",
              "variableUsages": [],
              "requires": [
                {
                  "kind": "InlineFragment",
                  "typeCondition": "Book",
                  "selections": [
                    {
                      "kind": "Field",
                      "name": "__typename"
                    },
                    {
                      "kind": "Field",
                      "name": "id"
                    }
                  ]
                }
              ],
              "inputRewrites": [
                {
                  "kind": "ValueSetter",
                  "path": [
                    "... on Book",
                    "__typename"
                  ],
                  "setValueTo": "Media"
                }
              ]
            }
          }
        ]
      }
    }
    "#);
}
