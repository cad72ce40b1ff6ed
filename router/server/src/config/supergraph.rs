//! `supergraph:` where the supergraph comes from and how it is kept current.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ConfigDuration;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SupergraphConfig {
    /// A composed supergraph SDL file. Used when `compose` is not set; the default is
    /// `schema/supergraph.graphql`.
    pub path: Option<PathBuf>,
    /// A composition config in rover's `supergraph.yaml` format: the router composes the
    /// supergraph itself, from files or from the running subgraphs' `_service { sdl }`.
    pub compose: Option<PathBuf>,
    /// How often the subgraphs (with `compose`) or the supergraph file are checked for changes.
    pub poll_interval: ConfigDuration,
    /// Reload on changes at all.
    #[serde(default = "super::default_true")]
    pub watch: bool,
}

impl Default for SupergraphConfig {
    fn default() -> Self {
        Self {
            path: None,
            compose: None,
            poll_interval: ConfigDuration::from_secs(10),
            watch: true,
        }
    }
}
