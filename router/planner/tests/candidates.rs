//! Choosing among candidates and backing out: a field several subgraphs offer goes to one that
//! can finish the whole selection below it (counting `@provides` on that path), the cheapest of
//! those; a candidate that fails below never decides the plan or the error.

mod common;

use common::plan;

#[test]
fn shareable_root_field_goes_past_a_candidate_that_cannot_finish_its_selection() {
    // a resolves settings first but not detail, and Settings has no key to leave a through.
    insta::assert_snapshot!(plan("candidates", "{ settings { label detail } }"), @r#"
    QueryPlan {
      Fetch(service: "b") {
        {
          settings {
            label
            detail
          }
        }
      },
    }
    "#);
}

#[test]
fn shareable_root_field_goes_where_a_provides_finishes_the_selection() {
    // sku lives in c, whose key (upc) neither a nor b has: only b's @provides on featured
    // reaches it.
    insta::assert_snapshot!(plan("candidates", "{ featured { id sku } }"), @r#"
    QueryPlan {
      Fetch(service: "b") {
        {
          featured {
            id
            sku
          }
        }
      },
    }
    "#);
}

#[test]
fn provides_path_and_key_jump_combine_when_the_provider_lacks_a_field() {
    // b provides sku but has no name: b, then a through the id key.
    insta::assert_snapshot!(plan("candidates", "{ featured { sku name } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "b") {
          {
            featured {
              sku
              __typename
              id
            }
          }
        },
        Flatten(path: "featured.@") {
          Fetch(service: "a") {
            {
              ... on Product {
                __typename
                id
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
fn aliases_of_one_root_field_choose_their_subgraph_each() {
    insta::assert_snapshot!(
        plan("candidates", "{ a: settings { detail } b: settings { theme } }"),
        @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "b") {
          {
            a: settings {
              detail
            }
          }
        },
        Fetch(service: "a") {
          {
            b: settings {
              theme
            }
          }
        },
      },
    }
    "#
    );
}

#[test]
fn alias_shares_a_root_fetch_already_planned_when_it_can() {
    insta::assert_snapshot!(
        plan("candidates", "{ a: settings { theme } b: settings { label } }"),
        @r#"
    QueryPlan {
      Fetch(service: "a") {
        {
          a: settings {
            theme
          }
          b: settings {
            label
          }
        }
      },
    }
    "#
    );
}

#[test]
fn nested_shareable_field_jumps_when_staying_cannot_finish_it() {
    // newest is a's; a resolves shipping but not carrier (Shipping has no key): shipping is
    // read from b through Product's key instead.
    insta::assert_snapshot!(
        plan("candidates", "{ newest { name shipping { cost carrier } } }"),
        @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "a") {
          {
            newest {
              name
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
                  cost
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
fn nested_shareable_field_stays_when_staying_is_cheapest() {
    insta::assert_snapshot!(plan("candidates", "{ newest { shipping { cost } } }"), @r#"
    QueryPlan {
      Fetch(service: "a") {
        {
          newest {
            shipping {
              cost
            }
          }
        }
      },
    }
    "#);
}
