//! `persisted_queries:` automatic persisted queries (APQ) and the trusted-documents safelist.
//!
//! ```yaml
//! persisted_queries:
//!   apq:
//!     enabled: true
//!     cache_size: 1000
//!   safelist:
//!     enabled: true
//!     manifests: [persisted-query-manifest.json]
//!     require_id: false
//!     log_unknown: false
//! ```

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Queries the APQ cache holds unless `apq.cache_size` says otherwise.
pub const DEFAULT_APQ_CACHE_SIZE: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PersistedQueriesConfig {
    /// Automatic persisted queries: clients send a query's SHA-256 instead of its text once the
    /// router has seen it. Default: enabled.
    pub apq: ApqConfig,
    /// Only operations listed in manifest files run. Default: disabled.
    pub safelist: SafelistConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ApqConfig {
    /// Answer `extensions.persistedQuery` (Apollo's APQ protocol, version 1). Ignored while the
    /// safelist is enabled (it would let clients register any operation). Default: true.
    pub enabled: bool,
    /// Queries kept, least recently used dropped first. The cache outlives reloads (changing
    /// the size empties it); every replica has its own. Default: 1000.
    pub cache_size: usize,
}

impl Default for ApqConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            cache_size: DEFAULT_APQ_CACHE_SIZE,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SafelistConfig {
    /// Run only operations from `manifests`. Default: false.
    pub enabled: bool,
    /// Manifest files (relative to the working directory): Apollo's persisted query manifest
    /// (`{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id",
    /// "name", "type", "body"}]}`) or a plain `{"<id>": "<body>"}` map (Relay, GraphQL
    /// Codegen). Read at startup and on every configuration reload. Default: none.
    pub manifests: Vec<PathBuf>,
    /// Accept only ids (`extensions.persistedQuery.sha256Hash`, `documentId` or `id`), never
    /// operation text, even text that is in a manifest. Default: false.
    pub require_id: bool,
    /// Do not refuse operations the list does not allow: log them (warning) and run them. A dry
    /// run to find what clients send before enforcing. Default: false.
    pub log_unknown: bool,
}
