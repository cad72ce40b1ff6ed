//! The router's configuration: `router.yaml` (one section per file here) plus the `router serve`
//! flags that override it ([`args`]).
//!
//! Every section is strict (`deny_unknown_fields`) and fully defaulted, so an empty file is a
//! valid configuration and a typo stops startup instead of being ignored. The runtime view of a
//! section is built from it when a [`crate::RouterState`] is made, so a reloaded file takes
//! effect for the next request without a restart.

mod args;
mod authentication;
mod authorization;
mod cors;
mod csrf;
mod duration;
mod errors;
mod headers;
mod limits;
mod load;
mod load_check;
mod load_env;
mod load_error;
mod persisted_queries;
mod plan_cache;
mod playground;
mod server;
pub(crate) mod subgraphs;
mod supergraph;
mod telemetry;

pub use args::ServeArgs;
pub use authentication::{AuthenticationConfig, JwksSource, JwtConfig};
pub use authorization::{AuthorizationConfig, PolicyRule};
pub use cors::CorsConfig;
pub use csrf::CsrfConfig;
pub use duration::{ConfigDuration, parse_duration};
pub use errors::{DEFAULT_REDACT, ErrorsConfig, REDACTED_MESSAGE, SubgraphErrorsConfig};
pub use headers::{HeaderRule, HeadersConfig, Insert, Propagate, Remove, SubgraphHeaders};
pub use limits::LimitsConfig;
pub use load::load;
pub use load_error::{ConfigErrors, ConfigProblem};
pub use persisted_queries::{ApqConfig, PersistedQueriesConfig, SafelistConfig};
pub use plan_cache::PlanCacheConfig;
pub use playground::{DEFAULT_PLAYGROUND_ASSETS_URL, PlaygroundConfig};
pub use server::ServerConfig;
pub use subgraphs::{DEFAULT_SUBGRAPH_TIMEOUT, SubgraphConfig, SubgraphsConfig, TransportConfig};
pub use supergraph::SupergraphConfig;
pub use telemetry::{
    LogFormat, LogsConfig, MetricsConfig, OtlpConfig, OtlpProtocol, SamplerConfig, TelemetryConfig,
    TracingConfig,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `router.yaml`. Every key is optional; the defaults are what `router serve` does with no file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RouterConfig {
    /// Where the router listens.
    pub server: ServerConfig,
    /// Where the supergraph comes from and how it is kept current.
    pub supergraph: SupergraphConfig,
    /// Per-subgraph settings (URL override, timeout); the key `all` applies to every subgraph.
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

pub(crate) fn default_true() -> bool {
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

    /// Reads a `router.yaml` document (`${env.NAME}` from the process environment); `origin`
    /// names it in errors, which carry the line, the key path and a hint for every problem.
    pub fn from_yaml(text: &str, origin: &str) -> Result<Self, crate::ServerError> {
        Ok(load(text, origin, &|name| std::env::var(name).ok())?)
    }
}
