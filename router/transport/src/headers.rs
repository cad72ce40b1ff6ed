//! Which headers reach which subgraph: the `headers` rules compiled once per configuration
//! ([`HeaderRules`]) and applied once per client request ([`Forwarded`]).
//!
//! Deny by default: a subgraph request starts with no client header and gets only what the
//! rules put there. Hop-by-hop and framing headers never pass, whatever the rules say.

use std::collections::HashMap;
use std::sync::Arc;

use reqwest::header::{CONNECTION, HeaderMap, HeaderName, HeaderValue};
use supergraph::Supergraph;

use router_auth::Claims;

use router_config::header_rules::{Rule, compile, never_propagated};
use router_config::{ConfigError, HeadersConfig};

/// The `headers` section compiled: the rules of `all`, and `all` + own for each subgraph that
/// has rules of its own.
#[derive(Debug, Default)]
pub struct HeaderRules {
    all: Arc<[Rule]>,
    subgraphs: HashMap<String, Arc<[Rule]>>,
}

impl HeaderRules {
    /// Every key must be `all` or a subgraph of `supergraph`.
    pub fn new(config: &HeadersConfig, supergraph: &Supergraph) -> Result<Self, ConfigError> {
        let all_key = router_config::subgraphs::ALL;
        let all: Arc<[Rule]> = match config.0.get(all_key) {
            Some(all) => compile(all_key, &all.request)?.into(),
            None => Arc::new([]),
        };
        let mut subgraphs = HashMap::new();
        for (name, headers) in config.0.iter().filter(|(name, _)| *name != all_key) {
            if !supergraph.subgraphs.iter().any(|s| &s.name == name) {
                return Err(ConfigError::UnknownSubgraph {
                    origin: "headers".into(),
                    name: name.clone(),
                    known: supergraph
                        .subgraphs
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
            let own = compile(name, &headers.request)?;
            if own.is_empty() {
                continue;
            }
            let mut rules = all.to_vec();
            rules.extend(own);
            subgraphs.insert(name.clone(), rules.into());
        }
        Ok(Self { all, subgraphs })
    }

    /// Applies the rules to one client request's headers.
    /// `claims`: the verified token's, for `from_claim` rules.
    pub fn for_request(&self, client: &HeaderMap, claims: Option<&Claims>) -> Forwarded {
        let hop_by_hop = connection_listed(client);
        let request = Request {
            client,
            claims,
            hop_by_hop: &hop_by_hop,
        };
        Forwarded {
            all: apply(&self.all, &request),
            subgraphs: self
                .subgraphs
                .iter()
                .map(|(name, rules)| (name.clone(), apply(rules, &request)))
                .collect(),
        }
    }
}

/// The headers one client request sends to each subgraph.
#[derive(Debug, Clone, Default)]
pub struct Forwarded {
    all: HeaderMap,
    subgraphs: HashMap<String, HeaderMap>,
}

impl Forwarded {
    pub fn for_subgraph(&self, name: &str) -> &HeaderMap {
        self.subgraphs.get(name).unwrap_or(&self.all)
    }
}

/// Header names the client's `Connection` header declares hop-by-hop (RFC 9110 §7.6.1).
fn connection_listed(client: &HeaderMap) -> Vec<String> {
    client
        .get_all(CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect()
}

/// What rules read from one client request.
struct Request<'a> {
    client: &'a HeaderMap,
    claims: Option<&'a Claims>,
    hop_by_hop: &'a [String],
}

/// A claim as a header value: strings as they are, anything else as JSON.
fn claim_value(claims: Option<&Claims>, path: &str) -> Option<HeaderValue> {
    let mut parts = path.split('.');
    let mut value = claims?.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => return None,
        other => other.to_string(),
    };
    HeaderValue::try_from(text).ok()
}

fn apply(rules: &[Rule], request: &Request<'_>) -> HeaderMap {
    let Request {
        client,
        claims,
        hop_by_hop,
    } = *request;
    let passes = |name: &HeaderName| {
        !never_propagated(name.as_str()) && !hop_by_hop.iter().any(|h| h == name.as_str())
    };
    let mut out = HeaderMap::new();
    for rule in rules {
        match rule {
            Rule::Propagate { from, to, default } => {
                let mut values = client.get_all(from).iter().peekable();
                if values.peek().is_some() && passes(from) {
                    out.remove(to);
                    for value in values {
                        out.append(to.clone(), value.clone());
                    }
                } else if let Some(default) = default {
                    out.insert(to.clone(), default.clone());
                }
            }
            Rule::PropagateMatching(pattern) => {
                for name in client.keys() {
                    if pattern.is_match(name.as_str()) && passes(name) {
                        out.remove(name);
                        for value in client.get_all(name) {
                            out.append(name.clone(), value.clone());
                        }
                    }
                }
            }
            Rule::Insert(name, value) => {
                out.insert(name.clone(), value.clone());
            }
            Rule::InsertClaim(name, path) => match claim_value(claims, path) {
                Some(value) => {
                    out.insert(name.clone(), value);
                }
                // The client must not choose the value a claim would have set.
                None => {
                    out.remove(name);
                }
            },
            Rule::Remove(name) => {
                out.remove(name);
            }
            Rule::RemoveMatching(pattern) => {
                let doomed: Vec<HeaderName> = out
                    .keys()
                    .filter(|name| pattern.is_match(name.as_str()))
                    .cloned()
                    .collect();
                for name in doomed {
                    out.remove(&name);
                }
            }
        }
    }
    out
}

#[cfg(test)]
impl HeaderRules {
    fn for_request_without_claims(&self, client: &HeaderMap) -> Forwarded {
        self.for_request(client, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDL: &str = include_str!("../../../schema/supergraph.graphql");

    fn rules(yaml: &str) -> Result<HeaderRules, ConfigError> {
        let config: HeadersConfig = serde_norway::from_str(yaml).expect("valid YAML");
        let supergraph = Supergraph::parse(SDL, "test").expect("supergraph");
        HeaderRules::new(&config, &supergraph)
    }

    fn client(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn nothing_is_forwarded_without_rules() {
        let rules = HeaderRules::new(&HeadersConfig::default(), &supergraph()).expect("valid");
        let out = rules
            .for_request_without_claims(&client(&[("x-user-id", "1"), ("authorization", "b")]));
        assert!(out.for_subgraph("users").is_empty());
    }

    fn supergraph() -> Supergraph {
        Supergraph::parse(SDL, "test").expect("supergraph")
    }

    #[test]
    fn rules_apply_in_order_all_first() {
        let rules = rules(
            r#"
all:
  request:
    - propagate: { named: x-user-id }
    - propagate: { matching: "^x-exp-" }
    - insert: { name: x-source, value: router }
products:
  request:
    - propagate: { named: x-tenant, rename: x-products-tenant, default: public }
    - remove: { named: x-exp-secret }
    - remove: { matching: "^x-source$" }
"#,
        )
        .expect("valid");
        let out = rules.for_request_without_claims(&client(&[
            ("x-user-id", "7"),
            ("x-exp-a", "1"),
            ("x-exp-a", "2"),
            ("x-exp-secret", "s"),
            ("cookie", "c"),
        ]));
        let users = out.for_subgraph("users");
        assert_eq!(users["x-user-id"], "7");
        assert_eq!(users.get_all("x-exp-a").iter().count(), 2);
        assert_eq!(users["x-exp-secret"], "s");
        assert_eq!(users["x-source"], "router");
        assert!(users.get("cookie").is_none());
        let products = out.for_subgraph("products");
        assert_eq!(products["x-user-id"], "7");
        assert_eq!(products["x-products-tenant"], "public");
        assert!(products.get("x-exp-secret").is_none());
        assert!(products.get("x-source").is_none());
    }

    #[test]
    fn hop_by_hop_headers_never_pass() {
        let rules =
            rules(r#"all: { request: [ { propagate: { matching: "." } } ] }"#).expect("valid");
        let out = rules.for_request_without_claims(&client(&[
            ("connection", "keep-alive, x-private"),
            ("x-private", "p"),
            ("te", "trailers"),
            ("upgrade", "websocket"),
            ("content-length", "12"),
            ("host", "router"),
            ("x-fine", "f"),
        ]));
        let all = out.for_subgraph("users");
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all["x-fine"], "f");
    }

    #[test]
    fn refuses_unusable_rules_with_their_location() {
        for (yaml, key) in [
            (
                "all: { request: [ { propagate: {} } ] }",
                "headers.all.request[0]",
            ),
            (
                "products: { request: [ { insert: { name: x-a, value: b } }, { propagate: { named: connection } } ] }",
                "headers.products.request[1]",
            ),
            (
                r#"all: { request: [ { propagate: { matching: "(" } } ] }"#,
                "headers.all.request[0]",
            ),
            (
                "all: { request: [ { insert: { name: host, value: x } } ] }",
                "headers.all.request[0]",
            ),
        ] {
            match rules(yaml) {
                Err(ConfigError::InvalidSetting { key: got, .. }) => {
                    assert_eq!(got, key, "{yaml}")
                }
                other => panic!("{yaml}: expected an error, got {other:?}"),
            }
        }
        assert!(matches!(
            rules("nope: { request: [] }"),
            Err(ConfigError::UnknownSubgraph { .. })
        ));
    }
}
