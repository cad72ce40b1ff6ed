//! What a `--config FILE` is: `--config` takes both the router's own `router.yaml` and a
//! rover composition config (`supergraph.yaml`), told apart by content.
//!
//! The rule: a composition config has a top-level `federation_version`, or a `subgraphs` map
//! whose entries carry `routing_url` or `schema` (rover's keys). Anything else, including a
//! file that is not YAML at all, is `router.yaml` (whose `subgraphs.<name>` entries have `url`
//! and `timeout`), so its own loader reports the located error.

use std::path::Path;

use serde_norway::Value;

use crate::error::ServerError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKind {
    /// The router's configuration.
    Router,
    /// rover's `supergraph.yaml`: compose the supergraph from these subgraphs.
    Composition,
}

/// Reads `path` and tells which kind of file it is.
pub fn kind_of_file(path: &Path) -> Result<ConfigKind, ServerError> {
    let text = std::fs::read_to_string(path).map_err(|source| ServerError::ReadConfig {
        path: path.to_owned(),
        source,
    })?;
    Ok(kind_of(&text))
}

/// The kind of a configuration document (see the module documentation for the rule).
pub fn kind_of(text: &str) -> ConfigKind {
    let Ok(Value::Mapping(root)) = serde_norway::from_str::<Value>(text) else {
        return ConfigKind::Router;
    };
    if root.contains_key("federation_version") {
        return ConfigKind::Composition;
    }
    let rover_entry = |entry: &Value| {
        entry
            .as_mapping()
            .is_some_and(|e| e.contains_key("routing_url") || e.contains_key("schema"))
    };
    match root.get("subgraphs") {
        Some(Value::Mapping(subgraphs)) if subgraphs.values().any(rover_entry) => {
            ConfigKind::Composition
        }
        _ => ConfigKind::Router,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_federation_version_or_rover_subgraph_entries_mean_composition() {
        assert_eq!(
            kind_of("federation_version: =2.5.0\n"),
            ConfigKind::Composition
        );
        let rover = "subgraphs:\n  users:\n    routing_url: http://u/graphql\n    schema:\n      subgraph_url: http://u/graphql\n";
        assert_eq!(kind_of(rover), ConfigKind::Composition);
        let schema_only = "subgraphs:\n  users:\n    schema:\n      file: users.graphql\n";
        assert_eq!(kind_of(schema_only), ConfigKind::Composition);
    }

    #[test]
    fn router_yaml_and_anything_unreadable_mean_router_config() {
        assert_eq!(kind_of(""), ConfigKind::Router);
        assert_eq!(kind_of("introspection: false\n"), ConfigKind::Router);
        let router = "subgraphs:\n  all:\n    timeout: 5s\n  users:\n    url: http://u/graphql\n";
        assert_eq!(kind_of(router), ConfigKind::Router);
        assert_eq!(
            kind_of("supergraph:\n  compose: a.yaml\n"),
            ConfigKind::Router
        );
        assert_eq!(kind_of(": not yaml ["), ConfigKind::Router);
        assert_eq!(kind_of("- a list\n"), ConfigKind::Router);
    }
}
