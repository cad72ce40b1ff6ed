//! Why the subgraph client cannot be built from a supergraph and its `transport` settings.
//! Failures of single fetches are [`executor::transport::FetchError`]s, never this type.

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("invalid configuration: {key}: {message}")]
    InvalidSetting { key: String, message: String },
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
    #[error(transparent)]
    Config(router_config::ConfigError),
}

/// A header rule that does not compile is a setting of the `headers` section.
impl From<router_config::ConfigError> for TransportError {
    fn from(error: router_config::ConfigError) -> Self {
        use router_config::ConfigError;
        match error {
            ConfigError::InvalidSetting { key, message } => Self::InvalidSetting { key, message },
            ConfigError::UnknownSubgraph {
                origin,
                name,
                known,
            } => Self::UnknownSubgraph {
                origin,
                name,
                known,
            },
            other => Self::Config(other),
        }
    }
}
