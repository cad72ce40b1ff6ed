mod common;

use common::plan;

#[test]
fn plans_interface_fields_resolved_in_one_subgraph_without_type_explosion() {
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { id title } }"#), @r#"
    QueryPlan {
      Fetch(service: "search") {
        {
          search(text: "a") {
            __typename
            id
            title
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_type_conditions_split_per_subgraph() {
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { title ... on Book { author } ... on Movie { director } } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "search") {
          {
            search(text: "a") {
              __typename
              title
              ... on Book {
                __typename
                id
              }
              ... on Movie {
                __typename
                id
              }
            }
          }
        },
        Parallel {
          Flatten(path: "search.@") {
            Fetch(service: "books") {
              {
                ... on Book {
                  __typename
                  id
                }
              } =>
              {
                ... on Book {
                  author
                }
              }
            },
          },
          Flatten(path: "search.@") {
            Fetch(service: "movies") {
              {
                ... on Movie {
                  __typename
                  id
                }
              } =>
              {
                ... on Movie {
                  director
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
fn plans_union_members_from_their_subgraphs() {
    insta::assert_snapshot!(plan("abstract", r#"{ results(text: "a") { __typename ... on Book { title author } ... on Movie { director } } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "search") {
          {
            results(text: "a") {
              __typename
              ... on Book {
                title
                __typename
                id
              }
              ... on Movie {
                __typename
                id
              }
            }
          }
        },
        Parallel {
          Flatten(path: "results.@") {
            Fetch(service: "books") {
              {
                ... on Book {
                  __typename
                  id
                }
              } =>
              {
                ... on Book {
                  author
                }
              }
            },
          },
          Flatten(path: "results.@") {
            Fetch(service: "movies") {
              {
                ... on Movie {
                  __typename
                  id
                }
              } =>
              {
                ... on Movie {
                  director
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
fn plans_fragment_on_interface_inside_union() {
    insta::assert_snapshot!(plan("abstract", r#"
        query Search { results(text: "a") { ...MediaParts } }
        fragment MediaParts on Media { id ... on Movie { director } }
    "#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "search") {
          {
            results(text: "a") {
              __typename
              ... on Book {
                id
              }
              ... on Movie {
                id
                __typename
              }
            }
          }
        },
        Flatten(path: "results.@") {
          Fetch(service: "movies") {
            {
              ... on Movie {
                __typename
                id
              }
            } =>
            {
              ... on Movie {
                director
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_no_selection_for_types_the_subgraph_never_returns() {
    // search never returns Podcast; movies does.
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { ... on Podcast { host } } latestMedia { ... on Podcast { host } } }"#), @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "search") {
          {
            search(text: "a") {
              __typename
            }
          }
        },
        Fetch(service: "movies") {
          {
            latestMedia {
              __typename
              ... on Podcast {
                host
              }
            }
          }
        },
      },
    }
    "#);
}

#[test]
fn plans_a_deep_query_with_fragments_on_abstract_types_over_five_subgraphs() {
    insta::assert_snapshot!(plan("bench_shop", r#"
        query Deep {
          me { cart { items { product { ...P } } } }
          search(text: "phone") {
            ... on Node { id }
            ... on Product { name inStock }
            ... on User { username reviews { body } }
          }
        }
        fragment P on Product { name shippingEstimate }
    "#), @r#"
    QueryPlan {
      Sequence {
        Parallel {
          Fetch(service: "users") {
            {
              me {
                __typename
                id
              }
            }
          },
          Fetch(service: "products") {
            {
              search(text: "phone") {
                __typename
                ... on Product {
                  id
                  name
                  __typename
                  upc
                }
                ... on User {
                  id
                  __typename
                }
              }
            }
          },
        },
        Parallel {
          Flatten(path: "me") {
            Fetch(service: "carts") {
              {
                ... on User {
                  __typename
                  id
                }
              } =>
              {
                ... on User {
                  cart {
                    items {
                      product {
                        __typename
                        upc
                      }
                    }
                  }
                }
              }
            },
          },
          Flatten(path: "search.@") {
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
          Flatten(path: "search.@") {
            Fetch(service: "users") {
              {
                ... on User {
                  __typename
                  id
                }
              } =>
              {
                ... on User {
                  username
                }
              }
            },
          },
          Flatten(path: "search.@") {
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
        Flatten(path: "me.cart.items.@.product") {
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
                price
                weight
              }
            }
          },
        },
        Flatten(path: "me.cart.items.@.product") {
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
