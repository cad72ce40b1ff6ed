//! Unions and interfaces whose members differ between subgraphs (fixture `partial_members`:
//! left knows movies, right knows songs, both books): a fragment stays only where the
//! subgraph resolving the value knows the member; a member only another subgraph resolving the
//! same field knows is fetched from there (a subgraph knowing every member asked for is
//! preferred, else the field is split, the rest read through the nearest entity's key), never
//! dropped; a member no subgraph resolving the field knows cannot be returned there.

mod common;

use common::plan;

#[test]
fn member_only_another_subgraph_knows_is_fetched_there_through_the_entity_key() {
    insta::assert_snapshot!(plan("partial_members", "{ shelf { items { ... on Song { artist } } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "left") {
          {
            shelf {
              __typename
              id
            }
          }
        },
        Flatten(path: "shelf") {
          Fetch(service: "right") {
            {
              ... on Shelf {
                __typename
                id
              }
            } =>
            {
              ... on Shelf {
                items {
                  __typename
                  ... on Song {
                    artist
                  }
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
fn members_known_by_different_subgraphs_split_the_field_over_both() {
    insta::assert_snapshot!(plan("partial_members", "{ shelf { items { ... on Movie { director } ... on Song { artist } } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "left") {
          {
            shelf {
              items {
                __typename
                ... on Movie {
                  director
                }
              }
              __typename
              id
            }
          }
        },
        Flatten(path: "shelf") {
          Fetch(service: "right") {
            {
              ... on Shelf {
                __typename
                id
              }
            } =>
            {
              ... on Shelf {
                items {
                  __typename
                  ... on Song {
                    artist
                  }
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
fn interface_implementation_only_another_subgraph_knows_is_fetched_there() {
    insta::assert_snapshot!(plan("partial_members", "{ shelf { featured { title ... on Song { artist } } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "left") {
          {
            shelf {
              __typename
              id
            }
          }
        },
        Flatten(path: "shelf") {
          Fetch(service: "right") {
            {
              ... on Shelf {
                __typename
                id
              }
            } =>
            {
              ... on Shelf {
                featured {
                  __typename
                  title
                  ... on Song {
                    artist
                  }
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
fn shareable_root_field_goes_to_the_subgraph_knowing_every_member_asked_for() {
    insta::assert_snapshot!(plan("partial_members", "{ search { ... on Book { title } ... on Song { artist } } }"), @r#"
    QueryPlan {
      Fetch(service: "right") {
        {
          search {
            __typename
            ... on Book {
              title
            }
            ... on Song {
              artist
            }
          }
        }
      },
    }
    "#);
}

#[test]
fn root_field_whose_members_live_in_two_subgraphs_is_fetched_from_both_in_parallel() {
    insta::assert_snapshot!(plan("partial_members", "{ search { ... on Movie { director } ... on Song { artist } } }"), @r#"
    QueryPlan {
      Parallel {
        Fetch(service: "left") {
          {
            search {
              __typename
              ... on Movie {
                director
              }
            }
          }
        },
        Fetch(service: "right") {
          {
            search {
              __typename
              ... on Song {
                artist
              }
            }
          }
        },
      },
    }
    "#);
}

#[test]
fn member_no_subgraph_resolving_the_field_knows_is_left_out() {
    // Only left resolves `pinned`, and left has no songs: none can be returned there.
    insta::assert_snapshot!(plan("partial_members", "{ shelf { pinned { title ... on Song { artist } } } }"), @r#"
    QueryPlan {
      Fetch(service: "left") {
        {
          shelf {
            pinned {
              __typename
              title
            }
          }
        }
      },
    }
    "#);
}
