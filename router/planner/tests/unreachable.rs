//! Unreachable means an error: a requested field no path reaches fails planning with an error
//! naming the field, where it was asked and why, whichever candidates were tried first; it is
//! never left out of the plan.

mod common;

use common::{plan_error, plan_error_with, planner};

#[test]
fn field_no_path_reaches_under_a_shareable_root_field_is_an_error() {
    // upc is c's alone, and neither a nor b (the subgraphs offering featured) has c's key.
    insta::assert_snapshot!(plan_error("candidates", "{ featured { id upc } }"), @r#"
    cannot plan field Product.upc at path "featured.@": subgraph "b" does not resolve it, and no subgraph that does (c) has a resolvable key whose fields "b" can provide
    "#);
}

#[test]
fn field_of_a_keyless_type_only_another_subgraph_resolves_is_an_error() {
    insta::assert_snapshot!(
        plan_error("candidates", "{ byUpc(upc: \"1\") { shipping { cost } } }"),
        @r#"
    cannot plan field Product.shipping at path "byUpc": subgraph "c" does not resolve it, and no subgraph that does (a, b) has a resolvable key whose fields "c" can provide
    "#
    );
}

#[test]
fn error_names_the_unreachable_field_not_a_reachable_sibling() {
    insta::assert_snapshot!(
        plan_error("candidates", "{ featured { name sku upc } }"),
        @r#"
    cannot plan field Product.upc at path "featured.@": subgraph "b" does not resolve it, and no subgraph that does (c) has a resolvable key whose fields "b" can provide
    "#
    );
}

#[test]
fn field_of_a_keyless_type_says_the_type_has_no_key_to_leave_through() {
    insta::assert_snapshot!(plan_error("candidates", "{ local { here elsewhere } }"), @r#"
    cannot plan field Local.elsewhere at path "local": subgraph "a" does not resolve it, and Local has no key to reach the subgraphs that do (b) from there
    "#);
}

#[test]
fn planning_past_the_work_limit_fails_with_a_clear_error() {
    let planner = planner("candidates").with_work_limit(3);
    insta::assert_snapshot!(
        plan_error_with(&planner, "{ newest { name shipping { cost carrier } } }"),
        @r#"
    planning gave up after 3 steps: the operation can be split over this supergraph's subgraphs in too many ways (ask for fewer shareable fields at once)
    "#
    );
}
