mod common;

use common::plan;

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
