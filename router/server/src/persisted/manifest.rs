//! The safelist: operations read from manifest files, by id and by exact text.
//!
//! Two formats: Apollo's persisted query manifest
//! (`{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [...]}`) and a
//! plain `{"<id>": "<body>"}` map (Relay's `persisted-queries.json`, GraphQL Codegen's
//! client preset).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use crate::error::ServerError;
use router_config::SafelistConfig;

const APOLLO_FORMAT: &str = "apollo-persisted-query-manifest";

/// The trusted operations and how to treat the others.
#[derive(Debug)]
pub struct Safelist {
    by_id: HashMap<String, Arc<str>>,
    bodies: HashSet<Arc<str>>,
    pub require_id: bool,
    pub log_unknown: bool,
}

#[derive(Deserialize)]
struct ApolloManifest {
    version: u32,
    operations: Vec<ApolloOperation>,
}

#[derive(Deserialize)]
struct ApolloOperation {
    id: String,
    body: String,
}

impl Safelist {
    pub fn load(config: &SafelistConfig) -> Result<Self, ServerError> {
        if config.manifests.is_empty() {
            return Err(ServerError::InvalidSetting {
                key: "persisted_queries.safelist.manifests".into(),
                message: "the safelist is enabled but lists no manifest file".into(),
            });
        }
        let mut safelist = Self {
            by_id: HashMap::new(),
            bodies: HashSet::new(),
            require_id: config.require_id,
            log_unknown: config.log_unknown,
        };
        for path in &config.manifests {
            let text = std::fs::read_to_string(path).map_err(|e| invalid(path, e.to_string()))?;
            for (id, body) in parse(&text).map_err(|message| invalid(path, message))? {
                safelist
                    .add(id, body)
                    .map_err(|message| invalid(path, message))?;
            }
        }
        Ok(safelist)
    }

    fn add(&mut self, id: String, body: String) -> Result<(), String> {
        let body: Arc<str> = Arc::from(body.as_str());
        match self.by_id.get(&id) {
            Some(known) if *known != body => {
                return Err(format!("id {id:?} is listed twice with different bodies"));
            }
            Some(_) => {}
            None => {
                self.by_id.insert(id, body.clone());
            }
        }
        self.bodies.insert(body);
        Ok(())
    }

    /// The body listed under `id`.
    pub fn by_id(&self, id: &str) -> Option<&Arc<str>> {
        self.by_id.get(id)
    }

    /// `query` is, character for character, a listed body.
    pub fn contains_body(&self, query: &str) -> bool {
        self.bodies.contains(query)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

fn invalid(path: &Path, message: String) -> ServerError {
    ServerError::InvalidManifest {
        path: path.to_owned(),
        message,
    }
}

/// `(id, body)` pairs of one manifest; errors say where (`line 4 column 7: ...`).
fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    let located = |e: serde_json::Error| format!("line {} column {}: {e}", e.line(), e.column());
    let value: Value = serde_json::from_str(text).map_err(located)?;
    let Value::Object(object) = value else {
        return Err(
            "a manifest is a JSON object (Apollo's format or an {\"id\": \"body\"} map)".into(),
        );
    };
    match object.get("format") {
        Some(Value::String(format)) if format == APOLLO_FORMAT => {
            // Typed a second time from the text so that errors keep their line and column.
            let manifest: ApolloManifest = serde_json::from_str(text).map_err(|e| {
                // serde's message alone names the field, e.g. "missing field `body`".
                located(e)
            })?;
            if manifest.version != 1 {
                return Err(format!(
                    "{APOLLO_FORMAT} version {} is not supported (only 1)",
                    manifest.version
                ));
            }
            Ok(manifest
                .operations
                .into_iter()
                .map(|op| (op.id, op.body))
                .collect())
        }
        Some(other) if object.contains_key("operations") => Err(format!(
            "unknown manifest format {other}: expected \"{APOLLO_FORMAT}\""
        )),
        _ => object
            .into_iter()
            .map(|(id, body)| match body {
                Value::String(body) => Ok((id, body)),
                other => Err(format!(
                    "the value of {id:?} is {other}, not an operation's text (expected an \
                     {{\"id\": \"body\"}} map or Apollo's manifest format)"
                )),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_apollo_manifests_and_plain_maps() {
        let apollo = parse(
            r#"{"format":"apollo-persisted-query-manifest","version":1,
               "operations":[{"id":"a1","name":"A","type":"query","body":"query A { x }"}]}"#,
        )
        .expect("valid");
        assert_eq!(apollo, [("a1".to_owned(), "query A { x }".to_owned())]);
        let map = parse(r#"{"b2": "query B { y }"}"#).expect("valid");
        assert_eq!(map, [("b2".to_owned(), "query B { y }".to_owned())]);
    }

    #[test]
    fn errors_say_where() {
        let missing_body = parse(
            "{\"format\":\"apollo-persisted-query-manifest\",\"version\":1,\n\"operations\":[{\"id\":\"a\"}]}",
        )
        .expect_err("no body");
        assert!(missing_body.starts_with("line 2 column"), "{missing_body}");
        assert!(missing_body.contains("body"), "{missing_body}");
        let syntax = parse("{\n  \"a\": \"x\",\n}").expect_err("trailing comma");
        assert!(syntax.starts_with("line 3 column 1"), "{syntax}");
        assert!(parse(r#"{"a": 3}"#).expect_err("number").contains("\"a\""));
        assert!(
            parse(r#"{"format":"apollo-persisted-query-manifest","version":2,"operations":[]}"#)
                .expect_err("version")
                .contains("version 2")
        );
    }

    #[test]
    fn the_same_id_with_another_body_is_refused() {
        let mut safelist = Safelist {
            by_id: HashMap::new(),
            bodies: HashSet::new(),
            require_id: false,
            log_unknown: false,
        };
        safelist.add("a".into(), "{ x }".into()).expect("new");
        safelist.add("a".into(), "{ x }".into()).expect("same");
        assert!(safelist.add("a".into(), "{ y }".into()).is_err());
        assert!(safelist.contains_body("{ x }"));
        assert!(!safelist.contains_body("{ x } "));
    }
}
