//! `supergraph:` where the supergraph comes from and how it is kept current (see
//! [`crate::reload`]).

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::ConfigDuration;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SupergraphConfig {
    /// A composed supergraph SDL file, reloaded when its content changes. Used when `compose`
    /// is not set; the default is `schema/supergraph.graphql`. Relative to the working
    /// directory.
    pub path: Option<PathBuf>,
    /// A composition config in rover's `supergraph.yaml` format: the router composes the
    /// supergraph itself, from schema files or the running subgraphs' `_service { sdl }`,
    /// answers 503 until the first composition succeeds, and recomposes when a schema changes
    /// (a composition that fails keeps the last good supergraph). Relative to the working
    /// directory; schema files are relative to it. Default: none.
    pub compose: Option<PathBuf>,
    /// How often the subgraphs' schemas (and the composition config) are read with `compose`
    /// (default 10s). The supergraph file and `router.yaml` are checked every second, or this
    /// often if shorter.
    pub poll_interval: ConfigDuration,
    /// Reload the supergraph when it changes (default true). With `false`, the first
    /// supergraph loaded or composed is served until a restart; `router.yaml` still reloads.
    #[serde(default = "default_true")]
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

impl SupergraphConfig {
    /// Composing from the rover config at `path`, the other settings defaulted.
    pub fn composing(path: &Path) -> Self {
        Self {
            compose: Some(path.to_owned()),
            ..Self::default()
        }
    }
}

fn default_true() -> bool {
    true
}
