//! Starting the bench subgraphs inside the current tokio runtime.

use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::BenchError;
use crate::subgraph::Subgraph;

/// Subgraphs serving in the background; dropping this stops them.
#[derive(Debug)]
pub struct Running {
    /// Each subgraph's `http://addr/graphql`, in the order started.
    pub urls: Vec<(Subgraph, String)>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    pub fn url(&self, subgraph: Subgraph) -> Option<&str> {
        self.urls
            .iter()
            .find(|(s, _)| *s == subgraph)
            .map(|(_, url)| url.as_str())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Binds each `(subgraph, addr)` (port 0 picks a free port) and serves it.
pub async fn start(addrs: &[(Subgraph, SocketAddr)]) -> Result<Running, BenchError> {
    let mut urls = Vec::new();
    let mut tasks = Vec::new();
    for &(subgraph, addr) in addrs {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| BenchError::Bind { addr, source })?;
        let bound = listener.local_addr()?;
        urls.push((subgraph, format!("http://{bound}/graphql")));
        tasks.push(tokio::spawn(async move {
            // Serving only ends with an accept error the benchmark cannot recover from.
            if let Err(error) = axum::serve(listener, subgraph.app()).await {
                eprintln!("{} stopped: {error}", subgraph.name());
            }
        }));
    }
    Ok(Running { urls, tasks })
}

/// All four subgraphs on free ports of 127.0.0.1.
pub async fn start_local() -> Result<Running, BenchError> {
    let addrs: Vec<(Subgraph, SocketAddr)> = Subgraph::ALL
        .into_iter()
        .map(|s| (s, SocketAddr::from(([127, 0, 0, 1], 0))))
        .collect();
    start(&addrs).await
}
