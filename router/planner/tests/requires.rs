mod common;

use common::plan;

#[test]
fn plans_required_fields_fetched_before_requiring_field() {
    insta::assert_snapshot!(plan("shop", "{ topProducts { name shippingEstimate } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            topProducts {
              name
              __typename
              upc
              price
              weight
            }
          }
        },
        Flatten(path: "topProducts.@") {
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
                shippingEstimate
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_required_fields_even_when_entity_comes_from_another_subgraph() {
    insta::assert_snapshot!(plan("shop", "{ me { reviews { product { shippingEstimate } } } }"), @r#"
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
                  product {
                    __typename
                    upc
                  }
                }
              }
            }
          },
        },
        Flatten(path: "me.reviews.@.product") {
          Fetch(service: "products") {
            {
              ... on Product {
                __typename
                upc
              }
            } =>
            {
              ... on Product {
                price
                weight
              }
            }
          },
        },
        Flatten(path: "me.reviews.@.product") {
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
                shippingEstimate
              }
            }
          },
        },
      },
    }
    "#);
}
