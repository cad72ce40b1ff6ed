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

pub mod auth;
pub mod config;
pub mod error;
pub mod http;
pub mod persisted;
pub mod pipeline;
pub mod playground;
pub mod reload;
pub mod serve;
pub mod state;
pub mod supergraph_source;
pub mod telemetry;
pub mod transport;

pub use config::{RouterConfig, ServeArgs, TransportConfig};
pub use error::ServerError;
pub use http::app;
pub use state::{AppState, RouterState};
