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
fn plans_entity_jump_through_second_key() {
    // carts refers to products by upc only; products also has an sku key.
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
