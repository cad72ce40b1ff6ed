//! `headers:` which client headers reach which subgraph. Keyed by subgraph name, `all` for every
//! subgraph; rules run in order, `all` first.
//!
//! ```yaml
//! headers:
//!   all:
//!     request:
//!       - propagate: { named: x-user-id }
//!   products:
//!     request:
//!       - insert: { name: x-source, value: router }
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::DEFAULT_FORWARDED_HEADERS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct HeadersConfig(pub BTreeMap<String, SubgraphHeaders>);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubgraphHeaders {
    /// Rules for the requests the router sends to the subgraph.
    pub request: Vec<HeaderRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum HeaderRule {
    /// Send a client header on.
    Propagate(Propagate),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Propagate {
    /// The client header's name (case-insensitive).
    pub named: String,
}

impl Default for HeadersConfig {
    /// Propagates the user id and the credentials to every subgraph.
    fn default() -> Self {
        let rules = DEFAULT_FORWARDED_HEADERS
            .iter()
            .map(|name| {
                HeaderRule::Propagate(Propagate {
                    named: (*name).to_owned(),
                })
            })
            .collect();
        Self(BTreeMap::from([(
            super::subgraphs::ALL.to_owned(),
            SubgraphHeaders { request: rules },
        )]))
    }
}

impl HeadersConfig {
    /// Only `headers` propagated to every subgraph, lower-cased.
    pub fn propagate_to_all(headers: &[String]) -> Self {
        let rules = headers
            .iter()
            .map(|name| {
                HeaderRule::Propagate(Propagate {
                    named: name.to_ascii_lowercase(),
                })
            })
            .collect();
        Self(BTreeMap::from([(
            super::subgraphs::ALL.to_owned(),
            SubgraphHeaders { request: rules },
        )]))
    }

    /// Lower-case names of the headers propagated to every subgraph.
    pub fn propagated_to_all(&self) -> Vec<String> {
        self.0
            .get(super::subgraphs::ALL)
            .map(|all| {
                all.request
                    .iter()
                    .map(|HeaderRule::Propagate(rule)| rule.named.to_ascii_lowercase())
                    .collect()
            })
            .unwrap_or_default()
    }
}
