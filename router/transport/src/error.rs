//! Why the subgraph client cannot be built from a supergraph and its `transport` settings.
//! Failures of single fetches are [`executor::transport::FetchError`]s, never this type.

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
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
    /// A `headers` rule that does not compile or names a subgraph the supergraph lacks.
    #[error(transparent)]
    Config(#[from] router_config::ConfigError),
}
