//! `@interfaceObject` both ways: a subgraph seeing an interface as an object answers the
//! interface's name as `__typename`, so whatever needs the concrete type (`__typename`,
//! fragments on implementations, fields only the implementations' subgraph resolves) is read
//! through the interface's key from the subgraph knowing the implementations; representations
//! sent to such a subgraph name the interface (a key jump, or a `@requires` step after the
//! concrete type was read). Fixtures `interface_object` and `interface_object_both_ways`.

mod common;

use common::{plan, plan_with, planner};
use planner::{PlanNode, Rewrite};

#[test]
fn plans_interface_object_field_with_typename_rewritten_to_interface() {
    insta::assert_snapshot!(plan("interface_object", "{ library { title rating } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "media") {
          {
            library {
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
        Flatten(path: "library.@") {
          Fetch(service: "ratings") {
            {
              ... on Book {
                __typename
                id
              }
              ... on Movie {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                rating
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_interface_object_field_on_a_concrete_type() {
    insta::assert_snapshot!(plan("interface_object", r#"{ book(id: "1") { author rating } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "media") {
          {
            book(id: "1") {
              author
              __typename
              id
            }
          }
        },
        Flatten(path: "book") {
          Fetch(service: "ratings") {
            {
              ... on Book {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                rating
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_real_typename_from_subgraph_knowing_implementations() {
    insta::assert_snapshot!(plan("interface_object", "{ topRated { __typename rating ... on Book { author } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "ratings") {
          {
            topRated {
              __typename
              id
              rating
            }
          }
        },
        Flatten(path: "topRated.@") {
          Fetch(service: "media") {
            {
              ... on Media {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                __typename
                ... on Book {
                  author
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
fn plans_interface_object_fields_without_jump_when_typename_not_needed() {
    insta::assert_snapshot!(plan("interface_object", "{ topRated { id rating } }"), @r#"
    QueryPlan {
      Fetch(service: "ratings") {
        {
          topRated {
            __typename
            id
            rating
          }
        }
      },
    }
    "#);
}

#[test]
fn interface_field_only_the_implementations_subgraph_resolves_is_read_through_the_interface_key() {
    insta::assert_snapshot!(plan("interface_object_both_ways", "{ topRated { rating title } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "ratings") {
          {
            topRated {
              __typename
              rating
              id
            }
          }
        },
        Flatten(path: "topRated.@") {
          Fetch(service: "media") {
            {
              ... on Media {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                __typename
                title
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn fragment_on_an_implementation_below_an_interface_object_root_is_read_through_the_interface_key()
{
    insta::assert_snapshot!(plan("interface_object_both_ways", "{ mostReviewed { ... on Movie { director } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "reviews") {
          {
            mostReviewed {
              __typename
              id
            }
          }
        },
        Flatten(path: "mostReviewed") {
          Fetch(service: "media") {
            {
              ... on Media {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                __typename
                ... on Movie {
                  director
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
fn jump_between_two_interface_objects_needs_no_concrete_type() {
    insta::assert_snapshot!(plan("interface_object_both_ways", "{ topRated { reviewCount } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "ratings") {
          {
            topRated {
              __typename
              id
            }
          }
        },
        Flatten(path: "topRated.@") {
          Fetch(service: "reviews") {
            {
              ... on Media {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                reviewCount
              }
            }
          },
        },
      },
    }
    "#);
}

/// The `input_rewrites` of every fetch to `service`.
fn input_rewrites(node: &PlanNode, service: &str, out: &mut Vec<Vec<Rewrite>>) {
    match node {
        PlanNode::Fetch(fetch) if fetch.service_name == service && fetch.requires.is_some() => {
            out.push(fetch.input_rewrites.clone())
        }
        PlanNode::Fetch(_) => {}
        PlanNode::Flatten { node, .. } => input_rewrites(node, service, out),
        PlanNode::Sequence { nodes } | PlanNode::Parallel { nodes } => {
            nodes.iter().for_each(|n| input_rewrites(n, service, out))
        }
        PlanNode::Condition {
            if_clause,
            else_clause,
            ..
        } => {
            for clause in [if_clause, else_clause].into_iter().flatten() {
                input_rewrites(clause, service, out);
            }
        }
    }
}

#[test]
fn requires_step_to_an_interface_object_after_the_concrete_type_was_read_names_the_interface() {
    // `score` (ratings, an `@interfaceObject`) requires media's `title`; media's answer
    // carries the concrete `__typename`, which ratings does not know.
    let plan = plan_with(
        &planner("interface_object_both_ways"),
        "{ topRated { score } }",
        &[],
    );
    insta::assert_snapshot!(plan.to_string(), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "ratings") {
          {
            topRated {
              __typename
              id
            }
          }
        },
        Flatten(path: "topRated.@") {
          Fetch(service: "media") {
            {
              ... on Media {
                __typename
                id
              }
            } =>
            {
              ... on Media {
                __typename
                title
              }
            }
          },
        },
        Flatten(path: "topRated.@") {
          Fetch(service: "ratings") {
            {
              ... on Media {
                __typename
                id
                title
              }
            } =>
            {
              ... on Media {
                score
              }
            }
          },
        },
      },
    }
    "#);
    let mut rewrites = Vec::new();
    input_rewrites(
        plan.node.as_ref().expect("a plan"),
        "ratings",
        &mut rewrites,
    );
    assert_eq!(
        rewrites,
        vec![vec![Rewrite::ValueSetter {
            path: vec!["... on Media".into(), "__typename".into()],
            set_value_to: serde_json::json!("Media"),
        }]]
    );
}
