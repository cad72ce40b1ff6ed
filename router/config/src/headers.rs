//! `headers:` which headers the router sends to which subgraph. Keyed by subgraph name, `all`
//! for every subgraph; a subgraph gets the rules of `all` followed by its own, applied in order
//! to an initially empty set of headers: with no rules no client header reaches any subgraph.
//!
//! ```yaml
//! headers:
//!   all:
//!     request:
//!       - propagate: { named: x-user-id }
//!       - propagate: { named: authorization }
//!   products:
//!     request:
//!       - propagate: { named: x-tenant, rename: x-products-tenant, default: public }
//!       - propagate: { matching: "^x-experiment-.*" }
//!       - remove: { named: x-experiment-internal }
//!       - insert: { name: x-source, value: router }
//!   carts:
//!     request:
//!       - insert: { name: x-user-id, from_claim: sub }   # the verified JWT's subject
//! ```
//!
//! Hop-by-hop and framing headers (`connection`, `content-length`, `host`, `te`, `upgrade`, ...)
//! are never propagated; the router sets `content-type`, `accept`, `accept-encoding` and
//! `traceparent` itself.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Rules per subgraph name (`all`: every subgraph). Default: none, so nothing is forwarded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct HeadersConfig(pub BTreeMap<String, SubgraphHeaders>);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubgraphHeaders {
    /// Rules for the requests the router sends to the subgraph, applied in order (after those
    /// of `all`). Default: none.
    // Each rule is a one-key map (`- propagate: {...}`), not a YAML tag (`- !propagate`).
    #[serde(with = "serde_norway::with::singleton_map_recursive")]
    #[schemars(with = "Vec<HeaderRule>")]
    pub request: Vec<HeaderRule>,
}

/// One header rule. New kinds of rule are new variants (each its own struct).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum HeaderRule {
    /// Copy client headers onto the subgraph request.
    Propagate(Propagate),
    /// Set a header to a fixed value (replacing what earlier rules set).
    Insert(Insert),
    /// Drop headers that earlier rules set.
    Remove(Remove),
}

/// `propagate: { named: x-tenant, rename: x-tenant-id, default: public }` or
/// `propagate: { matching: "^x-client-" }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Propagate {
    /// The client header to copy (case-insensitive); every value when it repeats. Default: none
    /// (give `named` or `matching`).
    pub named: Option<String>,
    /// A regular expression; every client header whose (lower-case) name it matches anywhere is
    /// copied under its own name. Default: none.
    pub matching: Option<String>,
    /// Send the `named` header under this name instead. Default: the same name.
    pub rename: Option<String>,
    /// Send this value when the client did not send the `named` header. Default: send nothing.
    pub default: Option<String>,
}

/// `insert: { name: x-source, value: router }` or `insert: { name: x-user-id, from_claim: sub }`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Insert {
    /// The header's name.
    pub name: String,
    /// Its value. Give `value` or `from_claim`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The value of this claim of the request's verified JWT (dots go into nested objects;
    /// strings as they are, other values as JSON). Anonymous requests, and tokens without the
    /// claim, get no header from this rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_claim: Option<String>,
}

/// `remove: { named: x-debug }` or `remove: { matching: "^x-internal-" }`
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Remove {
    /// The header to drop (case-insensitive). Default: none (give `named` or `matching`).
    pub named: Option<String>,
    /// A regular expression; headers whose name it matches anywhere are dropped. Default: none.
    pub matching: Option<String>,
}

impl HeaderRule {
    /// `propagate: { named: <name> }`
    pub fn propagate(name: &str) -> Self {
        Self::Propagate(Propagate {
            named: Some(name.to_ascii_lowercase()),
            ..Propagate::default()
        })
    }
}

impl HeadersConfig {
    /// Appends `propagate: { named }` rules for `names` to every subgraph's (`all`) rules.
    pub fn propagate_to_all<S: AsRef<str>>(&mut self, names: &[S]) {
        if names.is_empty() {
            return;
        }
        let all = self.0.entry(crate::subgraphs::ALL.to_owned()).or_default();
        all.request.extend(
            names
                .iter()
                .map(|name| HeaderRule::propagate(name.as_ref())),
        );
    }

    /// Only `names` propagated to every subgraph.
    pub fn propagating<S: AsRef<str>>(names: &[S]) -> Self {
        let mut config = Self::default();
        config.propagate_to_all(names);
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_places_rule_problems_in_the_file() {
        let yaml = "headers:\n  all:\n    request:\n      - propagate: { named: te }\n";
        let error = crate::load(yaml, "router.yaml", &|_| None).expect_err("hop-by-hop");
        assert_eq!(error.problems[0].path, "headers.all.request[0]");
        assert_eq!(error.problems[0].location.map(|l| l.0), Some(3));
    }

    #[test]
    fn reads_every_kind_of_rule() {
        let config: HeadersConfig = serde_norway::from_str(
            r#"
all:
  request:
    - propagate: { named: x-user-id }
products:
  request:
    - propagate: { named: x-tenant, rename: x-products-tenant, default: public }
    - propagate: { matching: "^x-experiment-" }
    - remove: { named: x-experiment-internal }
    - insert: { name: x-source, value: router }
"#,
        )
        .expect("valid");
        assert_eq!(
            config.0["all"].request,
            [HeaderRule::propagate("x-user-id")]
        );
        assert_eq!(config.0["products"].request.len(), 4);
        assert!(
            serde_norway::from_str::<HeadersConfig>("all: { request: [ { copy: { named: a } } ] }")
                .is_err()
        );
    }
}
