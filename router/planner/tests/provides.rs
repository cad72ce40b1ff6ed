mod common;

use common::plan;

#[test]
fn plans_no_jump_for_field_provided_on_that_path() {
    insta::assert_snapshot!(plan("shop", "{ latestReviews { body author { username } } }"), @r#"
    QueryPlan {
      Fetch(service: "reviews") {
        {
          latestReviews {
            body
            author {
              username
            }
          }
        }
      },
    }
    "#);
}

#[test]
fn plans_jump_for_field_not_provided() {
    insta::assert_snapshot!(plan("shop", "{ latestReviews { author { username email } } }"), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "reviews") {
          {
            latestReviews {
              author {
                username
                __typename
                id
              }
            }
          }
        },
        Flatten(path: "latestReviews.@.author") {
          Fetch(service: "users") {
            {
              ... on User {
                __typename
                id
              }
            } =>
            {
              ... on User {
                email
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_provided_field_after_an_entity_jump() {
    // `User.username` is external in reviews, but `Review.author` provides it on every path.
    insta::assert_snapshot!(plan("shop", "{ me { reviews { body author { username } } } }"), @r#"
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
                  author {
                    username
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
