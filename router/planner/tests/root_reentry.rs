//! Re-entering through the root: a shareable root field whose value type has no key, its
//! requested fields spread over several subgraphs, is fetched from each subgraph that has some
//! of them, in parallel root fetches whose answers the executor merges at the same path.

mod common;

use common::plan;

#[test]
fn keyless_root_value_spread_over_subgraphs_is_fetched_from_each_in_parallel() {
    // theme is only a's, detail only b's, label both: a takes label and theme, b the rest.
    insta::assert_snapshot!(plan("candidates", "{ settings { label detail theme } }"), @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "a") {
          {
            settings {
              label
              theme
            }
          }
        },
        Fetch(service: "b") {
          {
            settings {
              detail
            }
          }
        },
      },
    }
    "#);
}

#[test]
fn keyless_root_value_split_keeps_sibling_root_fields_in_shared_fetches() {
    insta::assert_snapshot!(
        plan("candidates", "{ newest { name } settings { detail theme } }"),
        @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "a") {
          {
            newest {
              name
            }
            settings {
              theme
            }
          }
        },
        Fetch(service: "b") {
          {
            settings {
              detail
            }
          }
        },
      },
    }
    "#
    );
}
