mod common;

use common::plan;

#[test]
fn plans_root_fields_of_different_subgraphs_in_parallel() {
    insta::assert_snapshot!(plan("shop", "{ me { username } topProducts { name } latestReviews { body } }"), @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "users") {
          {
            me {
              username
            }
          }
        },
        Fetch(service: "products") {
          {
            topProducts {
              name
            }
          }
        },
        Fetch(service: "reviews") {
          {
            latestReviews {
              body
            }
          }
        },
      },
    }
    "#);
}

#[test]
fn plans_root_fields_of_one_subgraph_in_one_fetch() {
    insta::assert_snapshot!(plan("shop", r#"{ topProducts { name } product(upc: "1") { name } productBySku(sku: "s") { upc } }"#), @r#"
    QueryPlan {
      Fetch(service: "products") {
        {
          topProducts {
            name
          }
          product(upc: "1") {
            name
          }
          productBySku(sku: "s") {
            upc
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_root_fields_in_parallel_before_their_entity_fetches() {
    insta::assert_snapshot!(plan("shop", "{ me { email reviews { body } } topProducts { name inStock } }"), @r#"
    QueryPlan {
      Sequence {
        Parallel {
          Fetch(service: "users") {
            {
              me {
                email
                __typename
                id
              }
            }
          },
          Fetch(service: "products") {
            {
              topProducts {
                name
                __typename
                upc
              }
            }
          },
        },
        Parallel {
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
                    body
                  }
                }
              }
            },
          },
          Flatten(path: "topProducts.@") {
            Fetch(service: "inventory") {
              {
                ... on Product {
                  __typename
                  upc
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
      },
    }
    "#);
}

#[test]
fn plans_root_field_variables_only_where_used() {
    let planner = common::planner("shop");
    let plan = common::plan_with(
        &planner,
        "query Q($upc: String!, $id: ID!) { product(upc: $upc) { name } user(id: $id) { email } }",
        &[],
    );
    let json = serde_json::to_value(&plan).expect("json");
    let nodes = json["node"]["nodes"].as_array().expect("parallel");
    assert_eq!(nodes[0]["serviceName"], "products");
    assert_eq!(nodes[0]["variableUsages"], serde_json::json!(["upc"]));
    assert_eq!(
        nodes[0]["operation"],
        "query Q__products__0($upc: String!) { product(upc: $upc) { name } }"
    );
    assert_eq!(nodes[1]["serviceName"], "users");
    assert_eq!(nodes[1]["variableUsages"], serde_json::json!(["id"]));
}
