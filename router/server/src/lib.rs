//! The router's HTTP server: `router serve`.
//!
//! [`RouterState`] holds what every request shares (the supergraph, the configuration, the
//! operation compiler, the planner and its plan cache, the pooled subgraph client);
//! [`AppState`] holds the current one and swaps it on reload; [`http::app`] wraps it in the
//! axum routes (`POST`/`GET /graphql`, the playground at `/`, `/health`, `/ready`);
//! [`serve::serve`] binds and drains in-flight requests on shutdown; [`reload::Reloader`]
//! keeps the supergraph (composed from the subgraphs or read from a file) and `router.yaml`
//! current while serving. A request runs through
//! the stages in [`pipeline`], one file each.

pub mod config_file;
pub mod error;
pub mod http;
pub mod persisted;
pub mod pipeline;
pub mod playground;
pub mod reload;
pub mod serve;
pub mod state;
pub mod supergraph_source;
/// Metrics, traces, request ids and logs (`router-telemetry`), under its old path.
pub use router_telemetry as telemetry;
/// The subgraph HTTP client (`router-transport`), under its old path.
pub use router_transport as transport;

pub use error::ServerError;
pub use http::app;
/// JWT authentication and authorization rights (`router-auth`), under its old path.
pub use router_auth as auth;
/// The configuration model and loader (`router-config`), under its old path.
pub use router_config as config;
pub use router_config::{RouterConfig, ServeArgs, TransportConfig};
pub use state::{AppState, RouterState};
