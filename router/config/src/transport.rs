//! The runtime view of `subgraphs` and `headers` that the subgraph client is built from.

use std::collections::HashMap;
use std::time::Duration;

use crate::headers::HeadersConfig;
use crate::subgraphs::{DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_SUBGRAPH_TIMEOUT};

/// How subgraphs are called: the runtime view of `subgraphs` and `headers`.
#[derive(Debug, Clone)]
pub struct TransportConfig {
    pub default_timeout: Duration,
    /// Per-subgraph timeouts, by subgraph name.
    pub timeouts: HashMap<String, Duration>,
    pub default_max_response_bytes: u64,
    /// Per-subgraph response size limits, by subgraph name.
    pub max_response_bytes: HashMap<String, u64>,
    /// Which headers go to which subgraph (none by default).
    pub headers: HeadersConfig,
    /// Identical subgraph queries in flight are sent once (see [`crate::SubgraphConfig`]).
    pub dedupe_queries: bool,
}

impl Default for TransportConfig {
    fn default() -> Self {
        Self {
            default_timeout: DEFAULT_SUBGRAPH_TIMEOUT,
            timeouts: HashMap::new(),
            default_max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_response_bytes: HashMap::new(),
            headers: HeadersConfig::default(),
            dedupe_queries: true,
        }
    }
}
