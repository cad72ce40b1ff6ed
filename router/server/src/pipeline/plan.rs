//! Stage 4: the query plan, from the cache or from the planner.

use std::collections::HashSet;
use std::sync::Arc;

use operation::{NormalizedOperation, ParsedOperation};
use planner::{PlanOptions, PreparedOperation, QueryPlan};

use super::codes;
use super::plan_key::PlanKey;
use super::request_error::RequestError;
use crate::state::RouterState;

/// A plan for the part of `operation` that subgraphs answer (root meta-fields removed).
/// `operation` is `parsed`'s normalized operation, or one derived from it for this request
/// (authorization removed fields); the first case, the usual one, costs no printing or hashing
/// of the operation.
pub fn plan(
    state: &RouterState,
    parsed: &ParsedOperation,
    operation: &NormalizedOperation,
    labels: &HashSet<String>,
) -> Result<Arc<QueryPlan>, RequestError> {
    let name = parsed.name().map(|n| n.to_string());
    let filtered;
    let (input, key) = if std::ptr::eq(operation, &**parsed.normalized()) {
        let key = PlanKey::new(parsed.signature().clone(), name, labels);
        (&**parsed.for_planner(), key)
    } else {
        filtered = operation.without_introspection();
        let key = PlanKey::new(filtered.to_compact_string().into(), name, labels);
        (&filtered, key)
    };
    if input.selection_set.selections.is_empty() {
        // Only root meta-fields: nothing for subgraphs.
        return Ok(Arc::new(QueryPlan { node: None }));
    }
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
    let input = PreparedOperation::from_normalized(input, &state.supergraph.api_schema)
        .map_err(|e| RequestError::internal(codes::QUERY_PLANNING_FAILED, e.to_string()))?;
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

/// Progressive `@override` labels for this request: `percent(p)` labels are enabled for `p`%
/// of requests, chosen at random; other labels are never enabled by the router.
pub fn enabled_override_labels(state: &RouterState) -> HashSet<String> {
    state
        .override_labels
        .iter()
        .filter(|label| {
            percent_of(label).is_some_and(|p| {
                let roll = (router_telemetry::random_u64() % 10_000) as f64 / 100.0;
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
