mod common;

use common::plan;

#[test]
fn plans_overridden_field_from_the_overriding_subgraph() {
    insta::assert_snapshot!(plan("shop", r#"{ product(upc: "1") { name inStock } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "products") {
          {
            product(upc: "1") {
              name
              __typename
              upc
            }
          }
        },
        Flatten(path: "product") {
          Fetch(service: "inventory") {
            {
              ... on Product {
                __typename
                upc
              }
            } =>
            {
              ... on Product {
                inStock
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_field_overridden_without_label_from_new_subgraph() {
    insta::assert_snapshot!(common::plan("override", r#"{ user(id: "1") { name plan } }"#), @r#"
    QueryPlan {
      Sequence {
        Fetch(service: "users") {
          {
            user(id: "1") {
              name
              __typename
              id
            }
          }
        },
        Flatten(path: "user") {
          Fetch(service: "payments") {
            {
              ... on User {
                __typename
                id
              }
            } =>
            {
              ... on User {
                plan
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_progressive_override_from_original_subgraph_when_label_disabled() {
    insta::assert_snapshot!(common::plan_labels("override", r#"{ user(id: "1") { balance } plans }"#, &[]), @r#"
    QueryPlan {
      Sequence {
        Parallel {
          Fetch(service: "users") {
            {
              user(id: "1") {
                __typename
                id
              }
            }
          },
          Fetch(service: "billing") {
            {
              plans
            }
          },
        },
        Flatten(path: "user") {
          Fetch(service: "billing") {
            {
              ... on User {
                __typename
                id
              }
            } =>
            {
              ... on User {
                balance
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn plans_progressive_override_from_overriding_subgraph_when_label_enabled() {
    insta::assert_snapshot!(common::plan_labels("override", r#"{ user(id: "1") { balance } plans }"#, &["new-payments", "percent(20)"]), @r#"
    QueryPlan {
      Sequence {
        Parallel {
          Fetch(service: "users") {
            {
              user(id: "1") {
                __typename
                id
              }
            }
          },
          Fetch(service: "payments") {
            {
              plans
            }
          },
        },
        Flatten(path: "user") {
          Fetch(service: "payments") {
            {
              ... on User {
                __typename
                id
              }
            } =>
            {
              ... on User {
                balance
              }
            }
          },
        },
      },
    }
    "#);
}

#[test]
fn lists_override_labels_of_the_supergraph() {
    let planner = common::planner("override");
    assert_eq!(
        planner.override_labels(),
        vec!["new-payments", "percent(20)"]
    );
}
