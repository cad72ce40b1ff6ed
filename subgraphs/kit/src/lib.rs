//! Shared plumbing for the domain subgraphs.
//!
//! Every service is built the same way: [`config::ServiceArgs`] reads flags and environment,
//! [`db::connect`] opens SQLite or PostgreSQL, the service migrates and seeds itself, and
//! [`http::service_router`] wires `POST /graphql`, `GET /health` and `GET /ready` around its
//! async-graphql schema. [`server::serve`] binds and shuts down gracefully on SIGTERM or Ctrl-C.
//! [`service::Service`] names those pieces of one service so [`service::setup`] and
//! [`service::run`] (and, with the `testing` feature, the test harness) are written once for all of them.
//! The domain itself (entities, migrations, resolvers) lives in each service crate.

pub mod auth;
pub mod config;
pub mod db;
pub mod errors;
pub mod http;
pub mod pagination;
pub mod sdl;
pub mod seed;
pub mod server;
pub mod service;
pub mod telemetry;

#[cfg(feature = "testing")]
pub mod testing;

pub use errors::{ErrorCode, KitError};
