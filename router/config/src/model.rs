//! `router.yaml` as a whole: one field per section, each fully defaulted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::authentication::AuthenticationConfig;
use crate::authorization::AuthorizationConfig;
use crate::cors::CorsConfig;
use crate::csrf::CsrfConfig;
use crate::duration::ConfigDuration;
use crate::errors::ErrorsConfig;
use crate::headers::HeadersConfig;
use crate::limits::LimitsConfig;
use crate::persisted_queries::PersistedQueriesConfig;
use crate::plan_cache::PlanCacheConfig;
use crate::playground::PlaygroundConfig;
use crate::server::ServerConfig;
use crate::subgraphs::{DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_SUBGRAPH_TIMEOUT, SubgraphsConfig};
use crate::supergraph::SupergraphConfig;
use crate::telemetry::TelemetryConfig;
use crate::transport::TransportConfig;

/// `router.yaml`. Every key is optional; the defaults are what `router serve` does with no file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RouterConfig {
    /// Where the router listens.
    pub server: ServerConfig,
    /// Where the supergraph comes from and how it is kept current.
    pub supergraph: SupergraphConfig,
    /// Per-subgraph settings (URL override, timeout, response size limit); the key `all` applies
    /// to every subgraph.
    pub subgraphs: SubgraphsConfig,
    /// Answer `__schema` and `__type` queries.
    #[serde(default = "default_true")]
    pub introspection: bool,
    /// The GraphiQL playground at `/`.
    pub playground: PlaygroundConfig,
    /// Query plans kept in memory.
    pub plan_cache: PlanCacheConfig,
    /// Which client headers reach which subgraph.
    pub headers: HeadersConfig,
    /// Cross-origin requests from browsers.
    pub cors: CorsConfig,
    /// Cross-site request forgery prevention.
    pub csrf: CsrfConfig,
    /// Who the client is (JWT).
    pub authentication: AuthenticationConfig,
    /// What the client may see (`@authenticated`, `@requiresScopes`, `@policy`).
    pub authorization: AuthorizationConfig,
    /// Operation and request size limits.
    pub limits: LimitsConfig,
    /// What clients see of subgraph errors.
    pub errors: ErrorsConfig,
    /// Automatic persisted queries and the trusted-documents safelist.
    pub persisted_queries: PersistedQueriesConfig,
    /// Metrics, traces and logs.
    pub telemetry: TelemetryConfig,
}

impl Default for RouterConfig {
    fn default() -> Self {
        Self {
            server: ServerConfig::default(),
            supergraph: SupergraphConfig::default(),
            subgraphs: SubgraphsConfig::default(),
            introspection: true,
            playground: PlaygroundConfig::default(),
            plan_cache: PlanCacheConfig::default(),
            headers: HeadersConfig::default(),
            cors: CorsConfig::default(),
            csrf: CsrfConfig::default(),
            authentication: AuthenticationConfig::default(),
            authorization: AuthorizationConfig::default(),
            limits: LimitsConfig::default(),
            errors: ErrorsConfig::default(),
            persisted_queries: PersistedQueriesConfig::default(),
            telemetry: TelemetryConfig::default(),
        }
    }
}

fn default_true() -> bool {
    true
}

impl RouterConfig {
    /// How subgraphs are called, from `subgraphs` and `headers`.
    pub fn transport(&self) -> TransportConfig {
        let default_timeout = self
            .subgraphs
            .all()
            .and_then(|all| all.timeout)
            .map_or(DEFAULT_SUBGRAPH_TIMEOUT, ConfigDuration::get);
        TransportConfig {
            default_timeout,
            timeouts: self
                .subgraphs
                .named()
                .filter_map(|(name, config)| Some((name.to_owned(), config.timeout?.get())))
                .collect(),
            default_max_response_bytes: self
                .subgraphs
                .all()
                .and_then(|all| all.max_response_bytes)
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            max_response_bytes: self
                .subgraphs
                .named()
                .filter_map(|(name, config)| Some((name.to_owned(), config.max_response_bytes?)))
                .collect(),
            headers: self.headers.clone(),
            dedupe_queries: self
                .subgraphs
                .all()
                .and_then(|all| all.deduplicate_queries)
                .unwrap_or(true),
        }
    }

    /// The JSON Schema of `router.yaml` (`router config schema`), with every key's doc comment
    /// and default.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(RouterConfig)).unwrap_or_default()
    }
}
