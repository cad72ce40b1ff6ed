//! Why a check could not run (exit code 2).

use std::path::PathBuf;

use composition::config::ConfigError;
use supergraph::SupergraphError;

/// Why a check could not run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("subgraph \"{0}\" is given twice with --subgraph")]
    DuplicateSubgraph(String),
    #[error("the composed supergraph cannot be loaded: {0}")]
    Supergraph(#[from] Box<SupergraphError>),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot serialize the report: {0}")]
    Json(#[from] serde_json::Error),
}
