//! `subgraphs:` per-subgraph URL, timeout and response size limit; the key `all` sets defaults
//! for every subgraph.

use std::collections::BTreeMap;
use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::ConfigDuration;

pub const DEFAULT_SUBGRAPH_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest subgraph response body read, decompressed (16 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;
/// The key of [`SubgraphsConfig`] that applies to every subgraph.
pub const ALL: &str = "all";

/// `subgraphs: { all: { timeout: 30s }, products: { url: ..., timeout: 5s } }`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct SubgraphsConfig(pub BTreeMap<String, SubgraphConfig>);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubgraphConfig {
    /// Where the subgraph is served; wins over the supergraph's URL and `SUBGRAPH_<NAME>_URL`
    /// (not allowed under `all`).
    pub url: Option<String>,
    /// How long the subgraph may take to answer (default 30s).
    pub timeout: Option<ConfigDuration>,
    /// The largest response body, in bytes after decompression, read from the subgraph
    /// (default 16 MiB); a larger one fails the fetch with `SUBGRAPH_RESPONSE_TOO_LARGE`.
    pub max_response_bytes: Option<u64>,
    /// Send identical queries in flight at the same time once (same subgraph, body and
    /// forwarded headers; never mutations). Default true; read under `all` only.
    pub deduplicate_queries: Option<bool>,
}

impl SubgraphsConfig {
    /// Settings for every subgraph.
    pub fn all(&self) -> Option<&SubgraphConfig> {
        self.0.get(ALL)
    }

    /// `(name, settings)` of the named subgraphs, without `all`.
    pub fn named(&self) -> impl Iterator<Item = (&str, &SubgraphConfig)> {
        self.0
            .iter()
            .filter(|(name, _)| name.as_str() != ALL)
            .map(|(name, config)| (name.as_str(), config))
    }

    pub fn entry(&mut self, name: &str) -> &mut SubgraphConfig {
        self.0.entry(name.to_owned()).or_default()
    }
}
