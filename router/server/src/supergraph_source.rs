//! Loading the supergraph and deciding where each subgraph lives: the supergraph's
//! `@join__graph(url:)`, then `SUBGRAPH_<NAME>_URL`, then `--subgraph-url NAME=URL`.

use std::path::Path;

use supergraph::Supergraph;

use crate::ServerError;

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
/// environment), then the `NAME=URL` flags; then checks every subgraph has a valid URL.
pub fn apply_overrides(
    supergraph: &mut Supergraph,
    env: impl Fn(&str) -> Option<String>,
    flags: &[String],
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
    for flag in flags {
        let (name, url) = flag
            .split_once('=')
            .ok_or_else(|| ServerError::InvalidSubgraphUrlFlag(flag.clone()))?;
        if !supergraph.set_url(name.trim(), url.trim().to_owned()) {
            return Err(ServerError::UnknownSubgraph {
                origin: format!("--subgraph-url {flag}"),
                name: name.trim().to_owned(),
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

    #[test]
    fn env_var_names_are_upper_case_with_underscores() {
        assert_eq!(env_var_for("products"), "SUBGRAPH_PRODUCTS_URL");
        assert_eq!(env_var_for("user-accounts"), "SUBGRAPH_USER_ACCOUNTS_URL");
    }
}
