//! Keys as requirements: a key whose fields no single subgraph can send (some in one subgraph,
//! some in another, or a nested selection only another subgraph resolves) is planned from the
//! current position first, fetched, and the jump waits for it; the same holds inside a
//! `@requires` chain. Fixture `key_requirements`.

mod common;

use common::plan;

#[test]
fn key_whose_fields_live_in_two_subgraphs_is_fetched_before_the_jump() {
    // stock's key is `upc sku`: catalog has the upc, pricing the sku.
    insta::assert_snapshot!(plan("key_requirements", "{ products { name inStock } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "catalog") {
          {
            products {
              name
              __typename
              upc
              id
            }
          }
        },
        Flatten(path: "products.@") {
          Fetch(service: "pricing") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                sku
              }
            }
          },
        },
        Flatten(path: "products.@") {
          Fetch(service: "stock") {
            {
              ... on Product {
                __typename
                upc
                sku
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
fn nested_key_field_only_another_subgraph_resolves_is_fetched_before_the_jump() {
    // registry's key is `model owner { id }`: fleet has the model, owners the owner.
    insta::assert_snapshot!(plan("key_requirements", "{ vehicles { model plate } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "fleet") {
          {
            vehicles {
              model
              __typename
              vin
            }
          }
        },
        Flatten(path: "vehicles.@") {
          Fetch(service: "owners") {
            {
              ... on Vehicle {
                __typename
                vin
              }
            } =>
            {
              ... on Vehicle {
                owner {
                  id
                }
              }
            }
          },
        },
        Flatten(path: "vehicles.@") {
          Fetch(service: "registry") {
            {
              ... on Vehicle {
                __typename
                model
                owner {
                  id
                }
              }
            } =>
            {
              ... on Vehicle {
                plate
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn required_field_whose_subgraph_needs_a_key_part_from_a_third_is_planned_as_a_chain() {
    // shipping requires stock's `inStock`; stock's key needs pricing's `sku`.
    insta::assert_snapshot!(plan("key_requirements", "{ products { shippingQuote } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "catalog") {
          {
            products {
              __typename
              id
              upc
            }
          }
        },
        Flatten(path: "products.@") {
          Fetch(service: "pricing") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                sku
              }
            }
          },
        },
        Flatten(path: "products.@") {
          Fetch(service: "stock") {
            {
              ... on Product {
                __typename
                upc
                sku
              }
            } =>
            {
              ... on Product {
                inStock
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
                inStock
              }
            } =>
            {
              ... on Product {
                shippingQuote
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn key_fetched_as_a_requirement_is_shared_with_the_client_fields_of_its_subgraph() {
    // The client also asks pricing for the price: the sku comes in that same fetch.
    insta::assert_snapshot!(plan("key_requirements", "{ products { price inStock } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "catalog") {
          {
            products {
              __typename
              id
              upc
            }
          }
        },
        Flatten(path: "products.@") {
          Fetch(service: "pricing") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                price
                sku
              }
            }
          },
        },
        Flatten(path: "products.@") {
          Fetch(service: "stock") {
            {
              ... on Product {
                __typename
                upc
                sku
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
