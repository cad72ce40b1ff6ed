//! `errors:` what clients see of subgraph errors.
//!
//! A subgraph's error messages (and the router's own messages about a failed subgraph call,
//! which name hosts and ports) can leak internals: SQL, stack traces, hostnames. By default
//! they are redacted: the client gets [`REDACTED_MESSAGE`], the error's `path` and its
//! `extensions.code` (so clients can still branch on `UNAUTHENTICATED`, `SUBGRAPH_TIMEOUT`,
//! ...), and nothing else; the original is logged. Development setups turn redaction off.
//!
//! ```yaml
//! errors:
//!   subgraphs:
//!     all:
//!       redact: true
//!     reviews:
//!       redact: false   # reviews' messages are written for end users
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ConfigError;
use crate::subgraphs::ALL;

/// The message that replaces a redacted subgraph error's own.
pub const REDACTED_MESSAGE: &str = "Subgraph errors redacted";

/// Whether subgraph errors are redacted when `errors` says nothing about a subgraph.
pub const DEFAULT_REDACT: bool = true;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ErrorsConfig {
    /// Per subgraph, by name; the key `all` applies to every subgraph, a subgraph's own entry
    /// wins over it. Default: every subgraph redacted.
    pub subgraphs: BTreeMap<String, SubgraphErrorsConfig>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubgraphErrorsConfig {
    /// Replace the subgraph's error messages with "Subgraph errors redacted" and drop every
    /// extension but `code`; `path` is kept. Default: `true` (from `all`, else built in).
    pub redact: Option<bool>,
}

impl ErrorsConfig {
    /// Every subgraph's errors reach clients as they are (development).
    pub fn pass_through() -> Self {
        Self {
            subgraphs: BTreeMap::from([(
                ALL.to_owned(),
                SubgraphErrorsConfig {
                    redact: Some(false),
                },
            )]),
        }
    }

    /// Whether errors from `subgraph` are redacted.
    pub fn redacts(&self, subgraph: &str) -> bool {
        let setting = |name: &str| self.subgraphs.get(name).and_then(|s| s.redact);
        setting(subgraph)
            .or_else(|| setting(ALL))
            .unwrap_or(DEFAULT_REDACT)
    }

    /// Refuses names the supergraph does not have: a typo would silently leave that subgraph
    /// on the `all` setting.
    pub fn check_names(&self, supergraph: &supergraph::Supergraph) -> Result<(), ConfigError> {
        let known: Vec<&str> = supergraph
            .subgraphs
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        match self
            .subgraphs
            .keys()
            .find(|name| name.as_str() != ALL && !known.contains(&name.as_str()))
        {
            Some(name) => Err(ConfigError::UnknownSubgraph {
                origin: format!("errors.subgraphs.{name}"),
                name: name.clone(),
                known: known.join(", "),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subgraph_setting_wins_over_all_which_wins_over_the_default() {
        assert!(ErrorsConfig::default().redacts("products"));
        let config: ErrorsConfig = serde_norway::from_str(
            "subgraphs:\n  all: { redact: false }\n  products: { redact: true }\n",
        )
        .expect("valid");
        assert!(config.redacts("products"));
        assert!(!config.redacts("reviews"));
        assert!(!ErrorsConfig::pass_through().redacts("reviews"));
    }
}
