//! Shared helpers: load a fixture supergraph, validate an operation against its API schema,
//! plan it, print the plan.
#![allow(dead_code)]

use std::collections::HashSet;
use std::sync::Arc;

use planner::apollo_compiler::ExecutableDocument;
use planner::{PlanOptions, Planner, PreparedOperation, QueryPlan};
use supergraph::Supergraph;

/// A fixture supergraph: the planner's own (`tests/fixtures/`), else the supergraph crate's,
/// read from its folder rather than copied.
pub fn fixture_path(fixture: &str) -> String {
    let own = format!(
        "{}/tests/fixtures/{fixture}.graphql",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::path::Path::new(&own).exists() {
        own
    } else {
        format!(
            "{}/../supergraph/tests/fixtures/{fixture}.graphql",
            env!("CARGO_MANIFEST_DIR")
        )
    }
}

pub fn planner(fixture: &str) -> Planner {
    let path = fixture_path(fixture);
    let sdl = std::fs::read_to_string(&path).expect("fixture exists");
    let supergraph = Supergraph::parse(&sdl, &path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Planner::new(Arc::new(supergraph))
}

pub fn plan_with(planner: &Planner, query: &str, labels: &[&str]) -> QueryPlan {
    let document = ExecutableDocument::parse_and_validate(
        &planner.supergraph().api_schema,
        query,
        "query.graphql",
    )
    .unwrap_or_else(|e| panic!("invalid operation: {e}"));
    let prepared = PreparedOperation::from_document(&document, None).expect("one operation");
    let options = PlanOptions {
        enabled_override_labels: labels.iter().map(|l| l.to_string()).collect::<HashSet<_>>(),
    };
    planner
        .plan(&prepared.input(), &options)
        .unwrap_or_else(|e| panic!("planning failed: {e}"))
}

/// The plan's text form.
pub fn plan(fixture: &str, query: &str) -> String {
    plan_with(&planner(fixture), query, &[]).to_string()
}

pub fn plan_labels(fixture: &str, query: &str, labels: &[&str]) -> String {
    plan_with(&planner(fixture), query, labels).to_string()
}

/// Why planning `query` on `planner` fails (panics when it plans).
pub fn plan_error_with(planner: &Planner, query: &str) -> String {
    let document = ExecutableDocument::parse_and_validate(
        &planner.supergraph().api_schema,
        query,
        "query.graphql",
    )
    .unwrap_or_else(|e| panic!("invalid operation: {e}"));
    let prepared = PreparedOperation::from_document(&document, None).expect("one operation");
    match planner.plan(&prepared.input(), &PlanOptions::default()) {
        Ok(plan) => panic!("planned, expected an error:\n{plan}"),
        Err(error) => error.to_string(),
    }
}

pub fn plan_error(fixture: &str, query: &str) -> String {
    plan_error_with(&planner(fixture), query)
}
