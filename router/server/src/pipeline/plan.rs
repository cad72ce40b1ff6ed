//! Stage 4: the query plan, from the cache or from the planner.

use std::collections::HashSet;
use std::sync::Arc;

use operation::{NormalizedOperation, ParsedOperation};
use planner::{PlanOptions, Planner, PreparedOperation, QueryPlan};
use router_telemetry::Metrics;
use supergraph::Supergraph;

use super::codes;
use super::plan_cache::LruCache;
use super::plan_key::PlanKey;
use super::request_error::RequestError;

/// A plan for the part of `operation` that subgraphs answer (root meta-fields removed).
/// `operation` is `parsed`'s normalized operation, or one derived from it for this request
/// (authorization removed fields); the first case, the usual one, costs no printing or hashing
/// of the operation.
/// What planning reads and writes besides the operation.
pub struct Planning<'a> {
    pub supergraph: &'a Supergraph,
    pub planner: &'a Planner,
    pub cache: &'a LruCache<PlanKey, Arc<QueryPlan>>,
    pub metrics: &'a Metrics,
}

pub fn plan(
    planning: &Planning<'_>,
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
    if let Some(plan) = planning.cache.get(&key) {
        tracing::Span::current().record("cache.hit", true);
        planning
            .metrics
            .record_plan_cache(true, planning.cache.len());
        return Ok(plan);
    }
    tracing::Span::current().record("cache.hit", false);
    planning
        .metrics
        .record_plan_cache(false, planning.cache.len());
    let input = PreparedOperation::from_normalized(input, &planning.supergraph.api_schema)
        .map_err(|e| RequestError::internal(codes::QUERY_PLANNING_FAILED, e.to_string()))?;
    let options = PlanOptions {
        enabled_override_labels: labels.clone(),
    };
    let plan = planning
        .planner
        .plan(&input.input(), &options)
        .map_err(|e| RequestError::internal(codes::QUERY_PLANNING_FAILED, e.to_string()))?;
    let plan = Arc::new(plan);
    planning.cache.insert(key, plan.clone());
    Ok(plan)
}

/// Progressive `@override` labels for this request: `percent(p)` labels are enabled for `p`%
/// of requests, chosen at random; other labels are never enabled by the router.
pub fn enabled_override_labels(labels: &[String]) -> HashSet<String> {
    labels
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
