mod common;

use common::plan;

#[test]
fn plans_shareable_root_field_from_the_subgraph_needing_fewest_fetches() {
    // catalog and search both resolve topProducts; only search also has price.
    insta::assert_snapshot!(plan("shareable", "{ topProducts { name price } }"), @r#"
    QueryPlan {
      Fetch(service: "search") {
        {
          topProducts {
            name
            price
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_shareable_root_field_tie_broken_by_subgraph_order() {
    insta::assert_snapshot!(plan("shareable", "{ topProducts { name } }"), @r#"
    QueryPlan {
      Fetch(service: "catalog") {
        {
          topProducts {
            name
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_shareable_entity_fields_from_one_subgraph_when_possible() {
    // From reviews, name is in catalog, pricing and search; currency only in pricing.
    insta::assert_snapshot!(plan("shareable", "{ bestRated { rating name currency } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "reviews") {
          {
            bestRated {
              rating
              __typename
              id
            }
          }
        },
        Flatten(path: "bestRated.@") {
          Fetch(service: "pricing") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                name
                currency
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_shareable_field_from_subgraph_already_fetched_at_that_path() {
    insta::assert_snapshot!(plan("shareable", "{ bestRated { description name } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "reviews") {
          {
            bestRated {
              __typename
              id
            }
          }
        },
        Flatten(path: "bestRated.@") {
          Fetch(service: "catalog") {
            {
              ... on Product {
                __typename
                id
              }
            } =>
            {
              ... on Product {
                description
                name
              }
            }
          },
        },
      },
    }
    "#);
}
