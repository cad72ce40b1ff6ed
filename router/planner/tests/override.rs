mod common;

use common::plan;

#[test]
fn plans_overridden_field_from_the_overriding_subgraph() {
    insta::assert_snapshot!(plan("shop", r#"{ product(upc: "1") { name inStock } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            product(upc: "1") {
              name
              __typename
              upc
            }
          }
        },
        Flatten(path: "product") {
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
