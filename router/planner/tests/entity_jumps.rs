mod common;

use common::plan;

#[test]
fn plans_entity_jump_from_root_to_other_subgraph() {
    insta::assert_snapshot!(plan("shop", "{ me { username reviews { body } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "users") {
          {
            me {
              username
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

#[test]
fn plans_one_fetch_per_subgraph_at_the_same_path() {
    insta::assert_snapshot!(plan("shop", r#"{ product(upc: "1") { name inStock reviews { body } shippingEstimate } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            product(upc: "1") {
              name
              __typename
              upc
              price
              weight
            }
          }
        },
        Parallel {
          Flatten(path: "product") {
            Fetch(service: "inventory") {
              {
                ... on Product {
                  __typename
                  upc
                  price
                  weight
                }
              } =>
              {
                ... on Product {
                  inStock
                  shippingEstimate
                }
              }
            },
          },
          Flatten(path: "product") {
            Fetch(service: "reviews") {
              {
                ... on Product {
                  __typename
                  upc
                }
              } =>
              {
                ... on Product {
                  reviews {
                    body
                  }
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
fn plans_entity_jump_from_carts_reference_key() {
    // carts can only refer to products (`resolvable: false`): the name comes from products.
    insta::assert_snapshot!(plan("shop", r#"{ cart(id: "1") { items { quantity product { name } } } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "carts") {
          {
            cart(id: "1") {
              items {
                quantity
                product {
                  __typename
                  upc
                }
              }
            }
          }
        },
        Flatten(path: "cart.items.@.product") {
          Fetch(service: "products") {
            {
              ... on Product {
                __typename
                upc
              }
            } =>
            {
              ... on Product {
                name
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_entity_jump_through_compound_nested_key() {
    // billing knows accounts only by `org { id } number`.
    insta::assert_snapshot!(plan("keys", "{ invoices { total account { name balance } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "billing") {
          {
            invoices {
              total
              account {
                __typename
                org {
                  id
                }
                number
                balance
              }
            }
          }
        },
        Flatten(path: "invoices.@.account") {
          Fetch(service: "accounts") {
            {
              ... on Account {
                __typename
                org {
                  id
                }
                number
              }
            } =>
            {
              ... on Account {
                name
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_chain_of_jumps_when_only_an_intermediate_subgraph_has_the_other_key() {
    // audit only knows `id`; billing needs `org { id } number`, which accounts provides.
    insta::assert_snapshot!(plan("keys", "{ auditLog { action account { balance } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "audit") {
          {
            auditLog {
              action
              account {
                __typename
                id
              }
            }
          }
        },
        Flatten(path: "auditLog.@.account") {
          Fetch(service: "accounts") {
            {
              ... on Account {
                __typename
                id
              }
            } =>
            {
              ... on Account {
                org {
                  id
                }
                number
              }
            }
          },
        },
        Flatten(path: "auditLog.@.account") {
          Fetch(service: "billing") {
            {
              ... on Account {
                __typename
                org {
                  id
                }
                number
              }
            } =>
            {
              ... on Account {
                balance
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_error_for_field_behind_a_key_no_subgraph_can_provide() {
    let planner = common::planner("keys");
    let document = planner::apollo_compiler::ExecutableDocument::parse_and_validate(
        &planner.supergraph().api_schema,
        "{ invoices { account { legacyNotes } } }",
        "q.graphql",
    )
    .expect("valid");
    let prepared = planner::PreparedOperation::from_document(&document, None).expect("op");
    let error = planner
        .plan(&prepared.input(), &Default::default())
        .expect_err("legacy needs legacyCode, which only legacy has");
    insta::assert_snapshot!(error.to_string(), @r#"
    cannot plan field Account.legacyNotes at path "invoices.@.account": subgraph "billing" does not resolve it, and no subgraph that does (legacy) has a resolvable key whose fields "billing" can provide
    "#);
}

#[test]
fn plans_entity_jump_in_federation_v1_supergraph() {
    // join v0.1 (`@core`, `@join__owner`): buyers lives in accounts, reached by the upc key.
    insta::assert_snapshot!(plan("fed1", "{ topProducts { name buyers { username } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            topProducts {
              name
              __typename
              upc
            }
          }
        },
        Flatten(path: "topProducts.@") {
          Fetch(service: "accounts") {
            {
              ... on Product {
                __typename
                upc
              }
            } =>
            {
              ... on Product {
                buyers {
                  username
                }
              }
            }
          },
        },
      },
    }
    "#);
}
