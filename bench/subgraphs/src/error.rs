use std::net::SocketAddr;

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("cannot bind {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("no URL given for subgraph {0}")]
    MissingUrl(&'static str),
    #[error("the bench subgraphs do not compose:\n{0}")]
    Composition(String),
    #[error("invalid supergraph: {0}")]
    Supergraph(String),
    #[error("invalid operation: {0}")]
    Operation(String),
    #[error("query planning failed: {0}")]
    Plan(String),
    #[error("recording the plan's fetches failed: {0}")]
    Recording(String),
    #[error("HTTP client: {0}")]
    Http(#[from] reqwest::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
