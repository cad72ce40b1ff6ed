//! The router's Prometheus metrics: one registry per server (the server's `AppState`), so counters survive
//! supergraph and configuration reloads. Names and labels are listed in docs/observability.md.

use std::sync::Arc;
use std::time::Duration;

use executor::transport::{FetchError, SubgraphResponse};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::operation_names::OperationNames;

/// The content type of [`Metrics::encode`]'s output.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Seconds, from 1 ms to 10 s: GraphQL requests and subgraph fetches alike.
const DURATION_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// How a GraphQL request ended, as the `outcome` label says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// `data` and no errors.
    Success,
    /// A response with `errors` (partial data, or a subgraph's errors).
    GraphqlErrors,
    /// Refused before execution: malformed, invalid or not allowed (HTTP 4xx).
    RequestError,
    /// The router could not answer (HTTP 5xx: not ready, planning or execution failed).
    Failure,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::GraphqlErrors => "graphql_errors",
            Outcome::RequestError => "request_error",
            Outcome::Failure => "failure",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RequestLabels {
    operation_name: String,
    outcome: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct SubgraphLabels {
    subgraph: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct SubgraphErrorLabels {
    subgraph: String,
    kind: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ResultLabels {
    result: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

fn duration_histogram() -> Histogram {
    Histogram::new(DURATION_BUCKETS)
}

/// Every series the router exports. Cheap to share: families are reference-counted inside.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    operation_names: OperationNames,
    requests: Family<RequestLabels, Counter>,
    request_duration: HistogramFamily<RequestLabels>,
    in_flight: Gauge,
    subgraph_duration: HistogramFamily<SubgraphLabels>,
    subgraph_errors: Family<SubgraphErrorLabels, Counter>,
    plan_cache_hits: Counter,
    plan_cache_misses: Counter,
    plan_cache_entries: Gauge,
    supergraph_reloads: Family<ResultLabels, Counter>,
    config_reloads: Family<ResultLabels, Counter>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "router_http_requests",
            "GraphQL requests by operation name and outcome",
            requests.clone(),
        );
        let request_duration: HistogramFamily<RequestLabels> =
            Family::new_with_constructor(duration_histogram);
        registry.register(
            "router_http_request_duration_seconds",
            "Time to answer a GraphQL request, by operation name and outcome",
            request_duration.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "router_http_requests_in_flight",
            "HTTP requests being served",
            in_flight.clone(),
        );
        let subgraph_duration: HistogramFamily<SubgraphLabels> =
            Family::new_with_constructor(duration_histogram);
        registry.register(
            "router_subgraph_request_duration_seconds",
            "Time of one subgraph fetch (connect, send, read the whole answer), by subgraph",
            subgraph_duration.clone(),
        );
        let subgraph_errors = Family::<SubgraphErrorLabels, Counter>::default();
        registry.register(
            "router_subgraph_errors",
            "Failed or erroneous subgraph fetches by subgraph and kind (timeout, unreachable, \
             http_status, invalid_response, graphql_errors)",
            subgraph_errors.clone(),
        );
        let plan_cache_hits = Counter::default();
        registry.register(
            "router_plan_cache_hits",
            "Query plans found in the plan cache",
            plan_cache_hits.clone(),
        );
        let plan_cache_misses = Counter::default();
        registry.register(
            "router_plan_cache_misses",
            "Query plans computed because the plan cache did not have them",
            plan_cache_misses.clone(),
        );
        let plan_cache_entries = Gauge::default();
        registry.register(
            "router_plan_cache_entries",
            "Query plans in the plan cache of the current supergraph",
            plan_cache_entries.clone(),
        );
        let supergraph_reloads = Family::<ResultLabels, Counter>::default();
        registry.register(
            "router_supergraph_reloads",
            "Supergraph reloads by result (success, failure)",
            supergraph_reloads.clone(),
        );
        let config_reloads = Family::<ResultLabels, Counter>::default();
        registry.register(
            "router_config_reloads",
            "Configuration reloads by result (success, failure)",
            config_reloads.clone(),
        );
        let build_info = Family::<BuildLabels, Gauge>::default();
        build_info
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
            })
            .set(1);
        registry.register(
            "router_build_info",
            "Always 1; the router's version is in the labels",
            build_info,
        );
        Self {
            registry,
            operation_names: OperationNames::default(),
            requests,
            request_duration,
            in_flight,
            subgraph_duration,
            subgraph_errors,
            plan_cache_hits,
            plan_cache_misses,
            plan_cache_entries,
            supergraph_reloads,
            config_reloads,
        }
    }

    /// One answered GraphQL request. `max_operation_names` bounds the distinct names used as
    /// labels (see [`OperationNames`]).
    pub fn record_request(
        &self,
        operation_name: Option<&str>,
        outcome: Outcome,
        elapsed: Duration,
        max_operation_names: usize,
    ) {
        let labels = RequestLabels {
            operation_name: self
                .operation_names
                .label(operation_name, max_operation_names),
            outcome: outcome.as_str(),
        };
        self.requests.get_or_create(&labels).inc();
        self.request_duration
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
    }

    /// Counts a request in flight until the guard is dropped.
    pub fn in_flight(self: &Arc<Self>) -> InFlight {
        self.in_flight.inc();
        InFlight(self.clone())
    }

    /// One subgraph fetch and how it ended.
    pub fn record_fetch(
        &self,
        subgraph: &str,
        elapsed: Duration,
        result: &Result<SubgraphResponse, FetchError>,
    ) {
        let kind = match result {
            Ok(response) if response.errors.is_empty() => None,
            Ok(_) => Some("graphql_errors"),
            Err(FetchError::Timeout { .. }) => Some("timeout"),
            Err(FetchError::HttpStatus { .. }) => Some("http_status"),
            Err(FetchError::InvalidResponse { .. }) => Some("invalid_response"),
            Err(FetchError::TooLarge { .. }) => Some("too_large"),
            Err(FetchError::Unreachable { .. }) => Some("unreachable"),
            Err(FetchError::Interrupted { .. }) => Some("interrupted"),
            // A supergraph without that subgraph's URL: no fetch happened.
            Err(FetchError::UnknownService { .. }) => return,
        };
        self.subgraph_duration
            .get_or_create(&SubgraphLabels {
                subgraph: subgraph.to_owned(),
            })
            .observe(elapsed.as_secs_f64());
        if let Some(kind) = kind {
            self.subgraph_errors
                .get_or_create(&SubgraphErrorLabels {
                    subgraph: subgraph.to_owned(),
                    kind,
                })
                .inc();
        }
    }

    /// A plan cache lookup; `entries` is the cache's size after it.
    pub fn record_plan_cache(&self, hit: bool, entries: usize) {
        if hit {
            self.plan_cache_hits.inc();
        } else {
            self.plan_cache_misses.inc();
        }
        self.set_plan_cache_entries(entries);
    }

    pub fn set_plan_cache_entries(&self, entries: usize) {
        self.plan_cache_entries
            .set(i64::try_from(entries).unwrap_or(i64::MAX));
    }

    /// A supergraph reload attempt (for whoever reloads: file watch, polling, composition).
    pub fn record_supergraph_reload(&self, success: bool) {
        self.supergraph_reloads
            .get_or_create(&ResultLabels {
                result: result_label(success),
            })
            .inc();
    }

    /// A `router.yaml` reload attempt.
    pub fn record_config_reload(&self, success: bool) {
        self.config_reloads
            .get_or_create(&ResultLabels {
                result: result_label(success),
            })
            .inc();
    }

    /// Every series in the OpenMetrics text format ([`CONTENT_TYPE`]).
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail; an encoder error would be a prometheus-client bug.
        if let Err(error) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            tracing::error!(%error, "cannot encode metrics");
        }
        out
    }
}

fn result_label(success: bool) -> &'static str {
    if success { "success" } else { "failure" }
}

/// Decrements the in-flight gauge when the request is done (also when its future is dropped).
#[derive(Debug)]
pub struct InFlight(Arc<Metrics>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.dec();
    }
}
