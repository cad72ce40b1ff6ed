mod common;

use common::plan;

#[test]
fn plans_alias_for_same_response_name_with_different_subgraph_types() {
    // In search, Book.length is `Int` and Movie.length is `Int!`: one request cannot hold both.
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { ... on Book { length } ... on Movie { length } } }"#), @r#"
    QueryPlan {
      Fetch(service: "search") {
        {
          search(text: "a") {
            __typename
            ... on Book {
              length
            }
            ... on Movie {
              length__alias_0: length
            }
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_no_alias_for_same_field_under_distinct_object_types() {
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { ... on Book { t: title } ... on Movie { t: title } } }"#), @r#"
    QueryPlan {
      Fetch(service: "search") {
        {
          search(text: "a") {
            __typename
            ... on Book {
              t: title
            }
            ... on Movie {
              t: title
            }
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_internal_alias_for_key_field_whose_name_the_client_uses() {
    // The client calls `name` "upc": the key upc is fetched as `upc__internal` and the
    // representation reads it from there.
    insta::assert_snapshot!(plan("shop", r#"{ product(upc: "1") { upc: name inStock } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            product(upc: "1") {
              upc: name
              __typename
              upc__internal: upc
            }
          }
        },
        Flatten(path: "product") {
          Fetch(service: "inventory") {
            {
              ... on Product {
                __typename
                upc__internal: upc
              }
            } =>
            {
              ... on Product {
                inStock
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_internal_alias_for_required_field_with_other_arguments() {
    // shippingCost requires `price(currency: "USD")`; the client asks `price` in EUR.
    let plan = common::plan_with(
        &common::planner("requires"),
        "{ products { price shippingCost } }",
        &[],
    );
    insta::assert_snapshot!(plan.to_string(), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              price
              __typename
              id
              price__internal: price(currency: "USD")
            }
          }
        },
        Flatten(path: "products.@") {
          Fetch(service: "inventory") {
            {
              ... on Product {
                __typename
                id
                price__internal: price
              }
            } =>
            {
              ... on Product {
                shippingCost
              }
            }
          },
        },
      },
    }
    "#);
    let json = serde_json::to_value(&plan).expect("json");
    insta::assert_json_snapshot!(json["node"]["nodes"][1]["node"]["requires"], @r#"
    [
      {
        "kind": "InlineFragment",
        "typeCondition": "Product",
        "selections": [
          {
            "kind": "Field",
            "name": "__typename"
          },
          {
            "kind": "Field",
            "name": "id"
          },
          {
            "kind": "Field",
            "name": "price",
            "alias": "price__internal"
          }
        ]
      }
    ]
    "#);
}

#[test]
fn plans_internal_alias_for_nested_required_field_with_other_arguments() {
    // packaging requires `dimensions { size(unit: "in") }`; the client asks `size` in cm. The
    // alias stays in the response (no rewrite renames it onto the client's `size`) and the
    // representation reads it from there.
    let plan = common::plan_with(
        &common::planner("requires"),
        "{ products { dimensions { size } packaging } }",
        &[],
    );
    insta::assert_snapshot!(plan.to_string(), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              dimensions {
                size
                size__internal: size(unit: "in")
              }
              __typename
              id
            }
          }
        },
        Flatten(path: "products.@") {
          Fetch(service: "inventory") {
            {
              ... on Product {
                __typename
                id
                dimensions {
                  size__internal: size
                }
              }
            } =>
            {
              ... on Product {
                packaging
              }
            }
          },
        },
      },
    }
    "#);
    let json = serde_json::to_value(&plan).expect("json");
    assert_eq!(json["node"]["nodes"][0].get("outputRewrites"), None);
    insta::assert_json_snapshot!(json["node"]["nodes"][1]["node"]["requires"], @r#"
    [
      {
        "kind": "InlineFragment",
        "typeCondition": "Product",
        "selections": [
          {
            "kind": "Field",
            "name": "__typename"
          },
          {
            "kind": "Field",
            "name": "id"
          },
          {
            "kind": "Field",
            "name": "dimensions",
            "selections": [
              {
                "kind": "Field",
                "name": "size",
                "alias": "size__internal"
              }
            ]
          }
        ]
      }
    ]
    "#);
}

#[test]
fn plans_distinct_internal_aliases_for_one_field_required_with_different_arguments() {
    // shippingCost (inventory) requires `price(currency: "USD")`, customsFee (shipping)
    // `price(currency: "GBP")`; the client asks neither.
    insta::assert_snapshot!(plan("requires", "{ products { shippingCost customsFee } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              __typename
              id
              price(currency: "USD")
              price__internal: price(currency: "GBP")
            }
          }
        },
        Parallel {
          Flatten(path: "products.@") {
            Fetch(service: "inventory") {
              {
                ... on Product {
                  __typename
                  id
                  price
                }
              } =>
              {
                ... on Product {
                  shippingCost
                }
              }
            },
          },
          Flatten(path: "products.@") {
            Fetch(service: "shipping") {
              {
                ... on Product {
                  __typename
                  id
                  price__internal: price
                }
              } =>
              {
                ... on Product {
                  customsFee
                }
              }
            },
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_two_entity_fetches_when_one_subgraph_requires_a_field_with_different_arguments() {
    // shippingCost and importDuty (both inventory) require `price` in USD and in GBP: one
    // representation holds `price` once, so each gets its own fetch.
    insta::assert_snapshot!(plan("requires", "{ products { shippingCost importDuty } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              __typename
              id
              price(currency: "USD")
              price__internal: price(currency: "GBP")
            }
          }
        },
        Parallel {
          Flatten(path: "products.@") {
            Fetch(service: "inventory") {
              {
                ... on Product {
                  __typename
                  id
                  price
                }
              } =>
              {
                ... on Product {
                  shippingCost
                }
              }
            },
          },
          Flatten(path: "products.@") {
            Fetch(service: "inventory") {
              {
                ... on Product {
                  __typename
                  id
                  price__internal: price
                }
              } =>
              {
                ... on Product {
                  importDuty
                }
              }
            },
          },
        },
      },
    }
    "#);
}
