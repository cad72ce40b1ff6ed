mod common;

use common::plan;

#[test]
fn plans_mutation_fields_in_order_one_after_another() {
    insta::assert_snapshot!(plan("shop", r#"mutation Shop {
        first: addToCart(upc: "1", quantity: 1) { id }
        addReview(upc: "1", body: "great") { id author { email } }
        second: addToCart(upc: "2", quantity: 1) { id items { product { name } } }
    }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "carts") {
          {
            first: addToCart(upc: "1", quantity: 1) {
              id
            }
          }
        },
        Fetch(service: "reviews") {
          {
            addReview(upc: "1", body: "great") {
              id
              author {
                __typename
                id
              }
            }
          }
        },
        Flatten(path: "addReview.author") {
          Fetch(service: "users") {
            {
              ... on User {
                __typename
                id
              }
            } =>
            {
              ... on User {
                email
              }
            }
          },
        },
        Fetch(service: "carts") {
          {
            second: addToCart(upc: "2", quantity: 1) {
              id
              items {
                product {
                  __typename
                  upc
                }
              }
            }
          }
        },
        Flatten(path: "second.items.@.product") {
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
fn plans_consecutive_mutation_fields_of_one_subgraph_in_one_fetch() {
    insta::assert_snapshot!(plan("shop", r#"mutation {
        a: addToCart(upc: "1", quantity: 1) { id }
        b: addToCart(upc: "2", quantity: 2) { id }
    }"#), @r#"
    QueryPlan {
      Fetch(service: "carts") {
        {
          a: addToCart(upc: "1", quantity: 1) {
            id
          }
          b: addToCart(upc: "2", quantity: 2) {
            id
          }
        }
      },
    }
    "#);
}
