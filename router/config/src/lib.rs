//! The router's configuration: `router.yaml` (one section per file here) plus the `router serve`
//! flags that override it ([`ServeArgs`]); the loader (environment expansion, a strict parse,
//! the checks serde cannot express, every problem placed in the file), the JSON Schema, and the
//! sections the router compiles once per configuration ([`CorsPolicy`], [`header_rules`]).
//!
//! Every section is strict (`deny_unknown_fields`) and fully defaulted, so an empty file is a
//! valid configuration and a typo stops startup instead of being ignored. The runtime view of a
//! section is built from it when the server's state is made, so a reloaded file takes effect for
//! the next request without a restart.

mod args;
mod authentication;
mod authorization;
mod cors;
mod cors_policy;
mod csrf;
mod duration;
mod error;
mod errors;
pub mod header_rules;
mod headers;
mod limits;
mod load;
mod load_check;
mod load_env;
mod load_error;
mod model;
mod persisted_queries;
mod plan_cache;
mod playground;
mod server;
pub mod subgraphs;
mod supergraph;
mod telemetry;
mod transport;

pub use args::ServeArgs;
pub use authentication::{AuthenticationConfig, JwksSource, JwtConfig};
pub use authorization::{AuthorizationConfig, PolicyRule};
pub use cors::CorsConfig;
pub use cors_policy::CorsPolicy;
pub use csrf::CsrfConfig;
pub use duration::{ConfigDuration, parse_duration};
pub use error::ConfigError;
pub use errors::{DEFAULT_REDACT, ErrorsConfig, REDACTED_MESSAGE, SubgraphErrorsConfig};
pub use headers::{HeaderRule, HeadersConfig, Insert, Propagate, Remove, SubgraphHeaders};
pub use limits::LimitsConfig;
pub use load::load;
pub use load_error::{ConfigErrors, ConfigProblem};
pub use model::RouterConfig;
pub use persisted_queries::{ApqConfig, PersistedQueriesConfig, SafelistConfig};
pub use plan_cache::PlanCacheConfig;
pub use playground::{DEFAULT_PLAYGROUND_ASSETS_URL, PlaygroundConfig};
pub use server::ServerConfig;
pub use subgraphs::{
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_SUBGRAPH_TIMEOUT, SubgraphConfig, SubgraphsConfig,
};
pub use supergraph::SupergraphConfig;
pub use telemetry::{
    LogFormat, LogsConfig, MetricsConfig, OtlpConfig, OtlpProtocol, SamplerConfig, TelemetryConfig,
    TracingConfig,
};
pub use transport::TransportConfig;
