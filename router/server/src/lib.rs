//! The router's HTTP server: `router serve`.
//!
//! [`RouterState`] holds what every request shares (the supergraph, the operation compiler,
//! the planner and its plan cache, the pooled subgraph client); [`http::app`] wraps it in the
//! axum routes (`POST`/`GET /graphql`, the playground at `/`, `/health`); [`serve::serve`]
//! binds and drains in-flight requests on shutdown. A request runs through the stages in
//! [`pipeline`], one file each.

pub mod config;
pub mod error;
pub mod http;
pub mod pipeline;
pub mod playground;
pub mod serve;
pub mod state;
pub mod supergraph_source;
pub mod transport;

pub use config::{ServeArgs, ServerConfig, TransportConfig};
pub use error::ServerError;
pub use http::app;
pub use state::RouterState;
