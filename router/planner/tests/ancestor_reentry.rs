//! Re-entering through an ancestor entity: a field of a keyless type that only another
//! subgraph resolves is read there through the nearest entity's key, with the path from that
//! entity down to the field, the rest staying where it is.

mod common;

use common::plan;

#[test]
fn keyless_value_spread_over_subgraphs_is_read_through_the_parent_entity() {
    // Shipping has no key: insurer is a's, carrier b's; both reach Product by its id.
    insta::assert_snapshot!(
        plan("candidates", "{ newest { shipping { insurer carrier } } }"),
        @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "a") {
          {
            newest {
              shipping {
                insurer
              }
              __typename
              id
            }
          }
        },
        Flatten(path: "newest") {
          Fetch(service: "b") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                shipping {
                  carrier
                }
              }
            }
          },
        },
      },
    }
    "#
    );
}

#[test]
fn keyless_value_two_levels_below_an_entity_is_read_through_it_with_the_path_down() {
    // Info and Details have no key: y is read from b through Product, as info { details { y } }.
    insta::assert_snapshot!(
        plan("candidates", "{ newest { info { details { x y } } } }"),
        @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "a") {
          {
            newest {
              info {
                details {
                  x
                }
              }
              __typename
              id
            }
          }
        },
        Flatten(path: "newest") {
          Fetch(service: "b") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                info {
                  details {
                    y
                  }
                }
              }
            }
          },
        },
      },
    }
    "#
    );
}
