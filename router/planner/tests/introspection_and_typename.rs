mod common;

use common::plan;

#[test]
fn plans_nothing_for_root_typename_and_introspection() {
    insta::assert_snapshot!(plan("shop", "{ __typename __schema { queryType { name } } __type(name: \"User\") { name } }"), @r#"
    QueryPlan {
    }
    "#);
}

#[test]
fn plans_typename_of_entities_from_the_subgraph_fetching_them() {
    insta::assert_snapshot!(plan("shop", "{ __typename me { __typename reviews { __typename body } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "users") {
          {
            me {
              __typename
              id
            }
          }
        },
        Flatten(path: "me") {
          Fetch(service: "reviews") {
            {
              ... on User {
                __typename
                id
              }
            } =>
            {
              ... on User {
                reviews {
                  __typename
                  body
                }
              }
            }
          },
        },
      },
    }
    "#);
}
