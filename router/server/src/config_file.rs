//! Where the configuration and the supergraph come from: `router.yaml` (or a rover composition
//! config) named by `--config`, with the flags on top, and the supergraph file it names.

use std::path::{Path, PathBuf};

use router_config::{RouterConfig, ServeArgs, SupergraphConfig};

use crate::error::ServerError;
use crate::reload::detect::{self, ConfigKind};

/// The supergraph served when neither the flags nor the configuration name one.
pub const DEFAULT_SUPERGRAPH_PATH: &str = "schema/supergraph.graphql";

/// The configuration `args` describe: `router.yaml` (if `--config` names one) with the flags
/// on top. A `--config` naming a rover composition config instead (see [`detect`])
/// means the defaults with `supergraph.compose` set to it.
pub fn load_config(args: &ServeArgs) -> Result<RouterConfig, ServerError> {
    let mut config = match &args.config {
        Some(path) => match detect::kind_of_file(path)? {
            ConfigKind::Router => read_config(path)?,
            ConfigKind::Composition => RouterConfig {
                supergraph: SupergraphConfig::composing(path),
                ..RouterConfig::default()
            },
        },
        None => RouterConfig::default(),
    };
    args.apply(&mut config)?;
    Ok(config)
}

pub fn read_config(path: &Path) -> Result<RouterConfig, ServerError> {
    let text = std::fs::read_to_string(path).map_err(|source| ServerError::ReadConfig {
        path: path.to_owned(),
        source,
    })?;
    Ok(RouterConfig::from_yaml(&text, &path.display().to_string())?)
}

/// The supergraph file `config` names (or the default one).
pub fn supergraph_path(config: &RouterConfig) -> PathBuf {
    config
        .supergraph
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SUPERGRAPH_PATH))
}
