mod common;

use common::plan;

#[test]
fn plans_condition_node_when_include_gates_a_whole_fetch() {
    insta::assert_snapshot!(plan("shop", r#"query Me($withReviews: Boolean!) {
        me { username reviews @include(if: $withReviews) { body } }
    }"#), @r#"
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
        Include(if: $withReviews) {
          Flatten(path: "me") {
            Fetch(service: "reviews") {
              {
                ... on User {
                  __typename
                  id
                }
              } =>
              {
                __typename
                ... on User {
                  reviews @include(if: $withReviews) {
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
fn plans_skip_condition_node_and_passes_directive_to_subgraph() {
    insta::assert_snapshot!(plan("shop", r#"query Me($noEmail: Boolean!) {
        me { username email @skip(if: $noEmail) }
    }"#), @r#"
    QueryPlan {
      Fetch(service: "users") {
        {
          me {
            username
            email @skip(if: $noEmail)
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_condition_node_for_a_root_fetch() {
    insta::assert_snapshot!(plan("shop", r#"query Q($cart: Boolean!) {
        me { username }
        cart(id: "1") @include(if: $cart) { id }
    }"#), @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "users") {
          {
            me {
              username
            }
          }
        },
        Include(if: $cart) {
          Fetch(service: "carts") {
            {
              __typename
              cart(id: "1") @include(if: $cart) {
                id
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_nested_condition_nodes_for_fetches_under_two_conditions() {
    insta::assert_snapshot!(plan("shop", r#"query Q($a: Boolean!, $b: Boolean!) {
        me { reviews @include(if: $a) { product @skip(if: $b) { name } } }
    }"#), @r#"
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
        Include(if: $a) {
          Flatten(path: "me") {
            Fetch(service: "reviews") {
              {
                ... on User {
                  __typename
                  id
                }
              } =>
              {
                __typename
                ... on User {
                  reviews @include(if: $a) {
                    __typename
                    product @skip(if: $b) {
                      __typename
                      upc
                    }
                  }
                }
              }
            },
          },
        },
        Include(if: $a) {
          Skip(if: $b) {
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
                    name
                  }
                }
              },
            },
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_condition_from_an_inline_fragment() {
    insta::assert_snapshot!(plan("shop", r#"query Q($a: Boolean!) {
        me { username ... @include(if: $a) { reviews { body } } }
    }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "users") {
          {
            me {
              username
              ... @include(if: $a) {
                __typename
                id
              }
            }
          }
        },
        Include(if: $a) {
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
      },
    }
    "#);
}

/// A subgraph answers an object with no field selected as `null` where the spec's answer is
/// `{}` (found by the differential oracle, docs/oracle.md F1/F7): a set whose every selection
/// is conditional also selects `__typename`, so the object is never empty.
#[test]
fn a_selection_set_whose_every_selection_is_conditional_also_selects_typename() {
    insta::assert_snapshot!(plan("shop", r#"query Q($b: Boolean!) {
        me @include(if: $b) { username @skip(if: $b) }
    }"#), @r#"
    QueryPlan {
      Include(if: $b) {
        Fetch(service: "users") {
          {
            __typename
            me @include(if: $b) {
              __typename
              username @skip(if: $b)
            }
          }
        },
      },
    }
    "#);
}

/// Oracle finding F8: the `@requires` fields of `shippingEstimate` are only fetched when `$b`
/// holds, so its entity fetch must stay under that condition instead of joining the
/// unconditional one (whose representations would then lack `price` and `weight`).
#[test]
fn an_entity_fetch_reached_under_a_condition_does_not_join_one_reached_without() {
    insta::assert_snapshot!(plan(
        "shop",
        r#"query($b: Boolean!) {
        product(upc: "1") { inStock }
        product(upc: "1") @include(if: $b) { shippingEstimate }
    }"#
    ));
}
