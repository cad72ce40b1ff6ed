//! What can stop the server from starting or serving. Per-request failures are GraphQL
//! errors in the response, never values of this type.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot read the supergraph {path}: {source}")]
    ReadSupergraph {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the supergraph {path} is not usable: {source}")]
    InvalidSupergraph {
        path: String,
        #[source]
        source: Box<supergraph::SupergraphError>,
    },
    #[error("cannot read the configuration {path}: {source}")]
    ReadConfig {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Every problem of a `router.yaml`, each with its line, key path and a hint.
    #[error(transparent)]
    InvalidConfig(#[from] router_config::ConfigErrors),
    #[error("persisted query manifest {path}: {message}")]
    InvalidManifest { path: PathBuf, message: String },
    #[error("invalid configuration: {key}: {message}")]
    InvalidSetting { key: String, message: String },
    #[error("--subgraph-url {0:?}: expected NAME=URL")]
    InvalidSubgraphUrlFlag(String),
    #[error("--subgraph-timeout-for {0:?}: expected NAME=DURATION (e.g. products=5s)")]
    InvalidTimeoutFlag(String),
    #[error(
        "{origin} names subgraph {name:?}, which the supergraph does not have (it has: {known})"
    )]
    UnknownSubgraph {
        origin: String,
        name: String,
        known: String,
    },
    #[error("subgraph {name:?} has no URL: set it in the supergraph, with SUBGRAPH_{}_URL or with --subgraph-url {name}=URL", .name.to_uppercase())]
    MissingSubgraphUrl { name: String },
    #[error("subgraph {name:?}: invalid URL {url:?}: {reason}")]
    InvalidSubgraphUrl {
        name: String,
        url: String,
        reason: String,
    },
    #[error("cannot build the HTTP client for subgraphs: {0}")]
    HttpClient(#[source] reqwest::Error),
    #[error("cannot bind {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the server failed: {0}")]
    Serve(#[source] std::io::Error),
    #[error("cannot start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error(transparent)]
    Telemetry(#[from] router_telemetry::TelemetryError),
}

impl From<router_auth::AuthConfigError> for ServerError {
    fn from(error: router_auth::AuthConfigError) -> Self {
        match error {
            router_auth::AuthConfigError::InvalidSetting { key, message } => {
                Self::InvalidSetting { key, message }
            }
        }
    }
}

impl From<router_transport::TransportError> for ServerError {
    fn from(error: router_transport::TransportError) -> Self {
        use router_transport::TransportError;
        match error {
            TransportError::MissingSubgraphUrl { name } => Self::MissingSubgraphUrl { name },
            TransportError::InvalidSubgraphUrl { name, url, reason } => {
                Self::InvalidSubgraphUrl { name, url, reason }
            }
            TransportError::HttpClient(error) => Self::HttpClient(error),
            TransportError::Config(error) => error.into(),
        }
    }
}

/// Each configuration error is the server error of the same name (same message), so callers
/// match one type whichever crate found the problem.
impl From<router_config::ConfigError> for ServerError {
    fn from(error: router_config::ConfigError) -> Self {
        use router_config::ConfigError;
        match error {
            ConfigError::Invalid(errors) => Self::InvalidConfig(errors),
            ConfigError::InvalidSetting { key, message } => Self::InvalidSetting { key, message },
            ConfigError::InvalidSubgraphUrlFlag(flag) => Self::InvalidSubgraphUrlFlag(flag),
            ConfigError::InvalidTimeoutFlag(flag) => Self::InvalidTimeoutFlag(flag),
            ConfigError::UnknownSubgraph {
                origin,
                name,
                known,
            } => Self::UnknownSubgraph {
                origin,
                name,
                known,
            },
        }
    }
}
