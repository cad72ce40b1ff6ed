//! rover's `supergraph.yaml`, parsed strictly (unknown keys are errors, with their line).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::SubgraphSdl;
use crate::fetch::{FetchError, fetch_subgraph_sdl};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid supergraph config: {0}")]
    Yaml(#[from] serde_norway::Error),
    #[error("invalid supergraph config: {0}")]
    Invalid(String),
    #[error("cannot read schema of subgraph \"{subgraph}\" from {path}: {source}")]
    Read {
        subgraph: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot fetch schema of subgraph \"{subgraph}\": {source}")]
    Fetch {
        subgraph: String,
        source: FetchError,
    },
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SupergraphConfig {
    /// e.g. `=2.3.2` or `2`; only Federation 2 is produced.
    pub federation_version: Option<String>,
    /// By name; a `BTreeMap` so the composition order is the name order.
    pub subgraphs: BTreeMap<String, SubgraphConfig>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SubgraphConfig {
    /// Where the router sends requests; defaults to `schema.subgraph_url`.
    pub routing_url: Option<String>,
    pub schema: SchemaSource,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SchemaSource {
    File(PathBuf),
    SubgraphUrl(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchemaSource {
    file: Option<PathBuf>,
    subgraph_url: Option<String>,
}

impl<'de> Deserialize<'de> for SchemaSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawSchemaSource::deserialize(deserializer)?;
        match (raw.file, raw.subgraph_url) {
            (Some(file), None) => Ok(SchemaSource::File(file)),
            (None, Some(url)) => Ok(SchemaSource::SubgraphUrl(url)),
            _ => Err(serde::de::Error::custom(
                "schema must have exactly one of `file` or `subgraph_url`",
            )),
        }
    }
}

impl SupergraphConfig {
    pub fn parse(yaml: &str) -> Result<Self, ConfigError> {
        let config: SupergraphConfig = serde_norway::from_str(yaml)?;
        if let Some(version) = &config.federation_version {
            let bare = version.trim_start_matches('=');
            if !(bare == "2" || bare.starts_with("2.")) {
                return Err(ConfigError::Invalid(format!(
                    "federation_version \"{version}\" is not supported: only Federation 2 (\"=2.x\") is"
                )));
            }
        }
        for (name, subgraph) in &config.subgraphs {
            if subgraph.routing_url.is_none()
                && !matches!(subgraph.schema, SchemaSource::SubgraphUrl(_))
            {
                return Err(ConfigError::Invalid(format!(
                    "subgraph \"{name}\" needs a routing_url (its schema comes from a file)"
                )));
            }
        }
        Ok(config)
    }

    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            subgraph: String::new(),
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text)
    }

    /// Reads each subgraph's SDL: files relative to `base_dir`, URLs through `_service { sdl }`.
    pub async fn load_subgraphs(&self, base_dir: &Path) -> Result<Vec<SubgraphSdl>, ConfigError> {
        let mut out = Vec::new();
        for (name, subgraph) in &self.subgraphs {
            let sdl = match &subgraph.schema {
                SchemaSource::File(file) => {
                    let path = base_dir.join(file);
                    std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                        subgraph: name.clone(),
                        path,
                        source,
                    })?
                }
                SchemaSource::SubgraphUrl(url) => {
                    fetch_subgraph_sdl(url)
                        .await
                        .map_err(|source| ConfigError::Fetch {
                            subgraph: name.clone(),
                            source,
                        })?
                }
            };
            let url = match (&subgraph.routing_url, &subgraph.schema) {
                (Some(url), _) => url.clone(),
                (None, SchemaSource::SubgraphUrl(url)) => url.clone(),
                (None, SchemaSource::File(_)) => String::new(),
            };
            out.push(SubgraphSdl::new(name.clone(), url, sdl));
        }
        Ok(out)
    }
}
