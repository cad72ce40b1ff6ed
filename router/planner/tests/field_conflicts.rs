mod common;

use common::plan;

#[test]
fn plans_alias_for_same_response_name_with_different_subgraph_types() {
    // In search, Book.length is `Int` and Movie.length is `Int!`: one request cannot hold both.
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { ... on Book { length } ... on Movie { length } } }"#), @r#"
    QueryPlan {
      Fetch(service: "search") {
        {
          search(text: "a") {
            __typename
            ... on Book {
              length
            }
            ... on Movie {
              length__alias_0: length
            }
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_no_alias_for_same_field_under_distinct_object_types() {
    insta::assert_snapshot!(plan("abstract", r#"{ search(text: "a") { ... on Book { t: title } ... on Movie { t: title } } }"#), @r#"
    QueryPlan {
      Fetch(service: "search") {
        {
          search(text: "a") {
            __typename
            ... on Book {
              t: title
            }
            ... on Movie {
              t: title
            }
          }
        }
      },
    }
    "#);
}
