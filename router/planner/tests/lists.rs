mod common;

use common::plan;

#[test]
fn plans_flatten_paths_through_nested_lists() {
    insta::assert_snapshot!(plan("shop", "{ topProducts { reviews { author { email } } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            topProducts {
              __typename
              upc
            }
          }
        },
        Flatten(path: "topProducts.@") {
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
                  author {
                    __typename
                    id
                  }
                }
              }
            }
          },
        },
        Flatten(path: "topProducts.@.reviews.@.author") {
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
      },
    }
    "#);
}

#[test]
fn plans_flatten_paths_through_lists_of_lists() {
    insta::assert_snapshot!(plan("shop", "{ productGrid { upc inStock } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            productGrid {
              upc
              __typename
            }
          }
        },
        Flatten(path: "productGrid.@.@") {
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
    }
    "#);
}
