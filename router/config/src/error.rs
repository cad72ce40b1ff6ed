//! Why a configuration cannot be used: the problems of a `router.yaml` document, a setting a
//! section cannot be compiled from, a bad `router serve` flag, or a name the supergraph lacks.

use crate::load_error::ConfigErrors;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Every problem of a `router.yaml`, each with its line, key path and a hint.
    #[error(transparent)]
    Invalid(#[from] ConfigErrors),
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
}
