//! Stage 4: the query plan, from the cache or from the planner.

use std::collections::HashSet;
use std::sync::Arc;

use operation::NormalizedOperation;
use operation::apollo_compiler::Node;
use operation::apollo_compiler::ast;
use planner::{PlanOptions, PreparedOperation, QueryPlan};

use super::{RequestError, codes};
use crate::state::RouterState;

/// What a plan depends on, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanKey {
    operation: String,
    operation_name: Option<String>,
    labels: Vec<String>,
}

/// A plan for the part of `operation` that subgraphs answer (root meta-fields removed).
pub fn plan(
    state: &RouterState,
    operation: &NormalizedOperation,
    labels: &HashSet<String>,
) -> Result<Arc<QueryPlan>, RequestError> {
    let mut sorted_labels: Vec<String> = labels.iter().cloned().collect();
    sorted_labels.sort();
    let key = PlanKey {
        operation: operation.to_compact_string(),
        operation_name: operation.name.as_ref().map(|n| n.to_string()),
        labels: sorted_labels,
    };
    if let Some(plan) = state.plan_cache.get(&key) {
        tracing::Span::current().record("cache.hit", true);
        state
            .metrics
            .record_plan_cache(true, state.plan_cache.len());
        return Ok(plan);
    }
    tracing::Span::current().record("cache.hit", false);
    state
        .metrics
        .record_plan_cache(false, state.plan_cache.len());
    let input = planner_input(state, operation)?;
    let options = PlanOptions {
        enabled_override_labels: labels.clone(),
    };
    let plan = state
        .planner
        .plan(&input.input(), &options)
        .map_err(|e| RequestError::internal(codes::QUERY_PLANNING_FAILED, e.to_string()))?;
    let plan = Arc::new(plan);
    state.plan_cache.insert(key, plan.clone());
    Ok(plan)
}

/// The normalized operation as the planner's input: printed to syntax and validated again
/// against the API schema (cheap next to planning, and only on a cache miss).
fn planner_input(
    state: &RouterState,
    operation: &NormalizedOperation,
) -> Result<PreparedOperation, RequestError> {
    let used = operation.used_variables();
    let mut definition = operation.to_ast();
    // Variables used only by removed selections would fail "unused variable" validation.
    definition.variables.retain(|v| used.contains(&v.name));
    let mut document = ast::Document::new();
    document
        .definitions
        .push(ast::Definition::OperationDefinition(Node::new(definition)));
    let executable = document
        .to_executable_validate(&state.supergraph.api_schema)
        .map_err(|e| {
            RequestError::internal(
                codes::QUERY_PLANNING_FAILED,
                format!("the normalized operation does not validate: {e}"),
            )
        })?;
    PreparedOperation::from_document(&executable, operation.name.as_deref())
        .map_err(|e| RequestError::internal(codes::QUERY_PLANNING_FAILED, e.to_string()))
}

/// Progressive `@override` labels for this request: `percent(p)` labels are enabled for `p`%
/// of requests, chosen at random; other labels are never enabled by the router.
pub fn enabled_override_labels(state: &RouterState) -> HashSet<String> {
    state
        .override_labels
        .iter()
        .filter(|label| {
            percent_of(label).is_some_and(|p| {
                let roll = (crate::transport::random_u64() % 10_000) as f64 / 100.0;
                roll < p
            })
        })
        .cloned()
        .collect()
}

fn percent_of(label: &str) -> Option<f64> {
    label
        .strip_prefix("percent(")?
        .strip_suffix(')')?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::percent_of;

    #[test]
    fn reads_percent_labels() {
        assert_eq!(percent_of("percent(25)"), Some(25.0));
        assert_eq!(percent_of("percent(0.5)"), Some(0.5));
        assert_eq!(percent_of("canary"), None);
    }
}
