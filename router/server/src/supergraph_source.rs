//! Loading the supergraph and deciding where each subgraph lives: the supergraph's
//! `@join__graph(url:)`, then `SUBGRAPH_<NAME>_URL`, then `subgraphs.<name>.url` from the
//! configuration (where `--subgraph-url NAME=URL` lands).

use std::path::Path;
use std::sync::Arc;

use supergraph::Supergraph;

use crate::error::ServerError;
use crate::state::RouterState;
use router_config::subgraphs::ALL;
use router_config::{RouterConfig, SubgraphsConfig};

/// Reads and parses a supergraph file.
pub fn load(path: &Path) -> Result<Supergraph, ServerError> {
    let sdl = std::fs::read_to_string(path).map_err(|source| ServerError::ReadSupergraph {
        path: path.to_owned(),
        source,
    })?;
    parse(&sdl, &path.display().to_string())
}

pub fn parse(sdl: &str, origin: &str) -> Result<Supergraph, ServerError> {
    Supergraph::parse(sdl, origin).map_err(|source| ServerError::InvalidSupergraph {
        path: origin.to_owned(),
        source: Box::new(source),
    })
}

/// The state serving `supergraph` (as loaded or composed) with `config`: URL overrides from
/// the process environment and the configuration applied.
pub fn state_for(
    mut supergraph: Supergraph,
    config: Arc<RouterConfig>,
) -> Result<RouterState, ServerError> {
    apply_overrides(
        &mut supergraph,
        |name| std::env::var(name).ok(),
        &config.subgraphs,
    )?;
    RouterState::new(supergraph, config)
}

/// The environment variable that overrides a subgraph's URL.
pub fn env_var_for(subgraph: &str) -> String {
    let name: String = subgraph
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("SUBGRAPH_{name}_URL")
}

/// Applies `SUBGRAPH_<NAME>_URL` from `env` (a lookup, so tests need not touch the process
/// environment), then the configured URLs; then checks every subgraph has a valid URL.
pub fn apply_overrides(
    supergraph: &mut Supergraph,
    env: impl Fn(&str) -> Option<String>,
    subgraphs: &SubgraphsConfig,
) -> Result<(), ServerError> {
    let names: Vec<String> = supergraph
        .subgraphs
        .iter()
        .map(|s| s.name.clone())
        .collect();
    for name in &names {
        if let Some(url) = env(&env_var_for(name)).filter(|u| !u.trim().is_empty()) {
            supergraph.set_url(name, url.trim().to_owned());
        }
    }
    if let Some(url) = subgraphs.all().and_then(|all| all.url.as_ref()) {
        return Err(ServerError::InvalidSubgraphUrl {
            name: ALL.to_owned(),
            url: url.clone(),
            reason: "`subgraphs.all` cannot set a URL; name the subgraph".to_owned(),
        });
    }
    for (name, config) in subgraphs.named() {
        let Some(url) = &config.url else { continue };
        if !supergraph.set_url(name, url.trim().to_owned()) {
            return Err(ServerError::UnknownSubgraph {
                origin: format!("subgraphs.{name}.url (or --subgraph-url {name}=...)"),
                name: name.to_owned(),
                known: names.join(", "),
            });
        }
    }
    for subgraph in &supergraph.subgraphs {
        let url = subgraph
            .url
            .as_deref()
            .filter(|u| !u.is_empty())
            .ok_or_else(|| ServerError::MissingSubgraphUrl {
                name: subgraph.name.clone(),
            })?;
        let parsed = reqwest::Url::parse(url).map_err(|e| ServerError::InvalidSubgraphUrl {
            name: subgraph.name.clone(),
            url: url.to_owned(),
            reason: e.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ServerError::InvalidSubgraphUrl {
                name: subgraph.name.clone(),
                url: url.to_owned(),
                reason: "only http and https are supported".to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUPERGRAPH: &str = r#"
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
{
  query: Query
}
directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
scalar join__FieldSet
scalar link__Import
enum join__Graph {
  A @join__graph(name: "a", url: "http://a.local/graphql")
  B @join__graph(name: "b", url: "")
}
enum link__Purpose { SECURITY EXECUTION }
type Query @join__type(graph: A) @join__type(graph: B) {
  a: Int @join__field(graph: A)
  b: Int @join__field(graph: B)
}
"#;

    fn urls(pairs: &[(&str, &str)]) -> SubgraphsConfig {
        let mut config = SubgraphsConfig::default();
        for (name, url) in pairs {
            config.entry(name).url = Some((*url).to_owned());
        }
        config
    }

    #[test]
    fn flags_win_over_the_environment_which_wins_over_the_file() {
        let mut supergraph = parse(SUPERGRAPH, "test").expect("valid supergraph");
        let env = |name: &str| match name {
            "SUBGRAPH_A_URL" => Some("http://from-env/graphql".to_owned()),
            "SUBGRAPH_B_URL" => Some("http://b-from-env/graphql".to_owned()),
            _ => None,
        };
        apply_overrides(
            &mut supergraph,
            env,
            &urls(&[("a", "http://from-flag/graphql")]),
        )
        .expect("valid overrides");
        let urls: Vec<_> = supergraph.subgraphs.iter().map(|s| s.url.clone()).collect();
        assert_eq!(
            urls,
            [
                Some("http://from-flag/graphql".to_owned()),
                Some("http://b-from-env/graphql".to_owned())
            ]
        );
    }

    #[test]
    fn missing_unknown_and_invalid_urls_are_refused() {
        let mut supergraph = parse(SUPERGRAPH, "test").expect("valid supergraph");
        let missing =
            apply_overrides(&mut supergraph, |_| None, &urls(&[])).expect_err("b has no URL");
        assert!(missing.to_string().contains("SUBGRAPH_B_URL"), "{missing}");
        let unknown = apply_overrides(&mut supergraph, |_| None, &urls(&[("c", "http://x")]))
            .expect_err("no subgraph c");
        assert!(unknown.to_string().contains("it has: a, b"), "{unknown}");
        let invalid = apply_overrides(&mut supergraph, |_| None, &urls(&[("b", "ftp://x")]))
            .expect_err("not http");
        assert!(
            invalid.to_string().contains("only http and https"),
            "{invalid}"
        );
    }

    #[test]
    fn env_var_names_are_upper_case_with_underscores() {
        assert_eq!(env_var_for("products"), "SUBGRAPH_PRODUCTS_URL");
        assert_eq!(env_var_for("user-accounts"), "SUBGRAPH_USER_ACCOUNTS_URL");
    }
}
