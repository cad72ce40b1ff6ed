//! The two compositions a check compares: the config as it is, and the config with the
//! proposed subgraph SDLs (`--subgraph name=file`) in place of, or next to, its subgraphs.

use std::path::{Path, PathBuf};

use composition::SubgraphSdl;
use composition::config::SupergraphConfig;
use serde::Serialize;

use super::error::CheckError;

/// One `--subgraph name=file`.
#[derive(Clone, Debug, Serialize)]
pub struct ProposedSubgraph {
    pub name: String,
    pub file: String,
    /// The config has no subgraph of that name: the proposal adds one.
    pub new_subgraph: bool,
}

/// Parses `name=path` (clap value parser).
pub fn parse_subgraph_arg(value: &str) -> Result<(String, PathBuf), String> {
    match value.split_once('=') {
        Some((name, path)) if !name.trim().is_empty() && !path.trim().is_empty() => {
            Ok((name.trim().to_string(), PathBuf::from(path.trim())))
        }
        _ => Err(format!(
            "expected NAME=FILE (e.g. products=products.graphql), got \"{value}\""
        )),
    }
}

pub struct Inputs {
    pub current: Vec<SubgraphSdl>,
    pub proposed: Vec<SubgraphSdl>,
    pub proposals: Vec<ProposedSubgraph>,
}

/// Reads the config and its subgraphs (files relative to the config, `subgraph_url`s
/// fetched), then the proposed files (relative to the working directory).
pub async fn load(
    config_path: &Path,
    proposals: &[(String, PathBuf)],
) -> Result<Inputs, CheckError> {
    let config = SupergraphConfig::from_file(config_path)?;
    let base = config_path.parent().unwrap_or_else(|| Path::new("."));
    let current = config.load_subgraphs(base).await?;
    let mut proposed = current.clone();
    let mut described = Vec::new();
    for (index, (name, path)) in proposals.iter().enumerate() {
        if proposals[..index].iter().any(|(other, _)| other == name) {
            return Err(CheckError::DuplicateSubgraph(name.clone()));
        }
        let sdl = std::fs::read_to_string(path).map_err(|source| CheckError::Read {
            path: path.clone(),
            source,
        })?;
        let existing = proposed.iter_mut().find(|s| &s.name == name);
        let new_subgraph = existing.is_none();
        match existing {
            Some(subgraph) => subgraph.sdl = sdl,
            // The routing URL is not part of the API schema; the check never calls it.
            None => proposed.push(SubgraphSdl::new(
                name.clone(),
                format!("http://{name}.invalid/graphql"),
                sdl,
            )),
        }
        described.push(ProposedSubgraph {
            name: name.clone(),
            file: path.display().to_string(),
            new_subgraph,
        });
    }
    Ok(Inputs {
        current,
        proposed,
        proposals: described,
    })
}
