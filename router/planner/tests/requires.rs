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

#[test]
fn plans_nested_required_fields_and_keeps_field_arguments() {
    insta::assert_snapshot!(plan("requires", r#"{ products { name delivery(zip: "75001") { days } } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              name
              __typename
              id
              dimensions {
                size
                weight
              }
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
                  size
                  weight
                }
              }
            } =>
            {
              ... on Product {
                delivery(zip: "75001") {
                  days
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
fn plans_chained_requires_in_order() {
    // insuranceCost (shipping) requires shippingCost (inventory), which requires price (products).
    insta::assert_snapshot!(plan("requires", "{ products { insuranceCost } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              __typename
              id
              price(currency: "USD")
            }
          }
        },
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
                shippingCost
              }
            } =>
            {
              ... on Product {
                insuranceCost
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_required_field_with_arguments() {
    insta::assert_snapshot!(plan("requires", "{ products { shippingCost } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            products {
              __typename
              id
              price(currency: "USD")
            }
          }
        },
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
      },
    }
    "#);
}
