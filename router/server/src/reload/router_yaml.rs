//! `router.yaml` hot reload: when the file `--config` names changes, it is read again through
//! the same loader as at startup ([`crate::config_file::load_config`]: the file, then the command-line
//! flags on top, which keep winning).

use crate::config_file;
use crate::error::ServerError;
use router_config::{RouterConfig, ServeArgs};

use super::file_watch::{Change, FileWatch};

#[derive(Debug)]
pub struct RouterYaml {
    watch: FileWatch,
    args: ServeArgs,
}

impl RouterYaml {
    /// Watches the `router.yaml` of `args` (`--config`), whose content at startup is `text`.
    pub fn new(args: &ServeArgs, text: Option<&str>) -> Option<Self> {
        let path = args.config.clone()?;
        Some(Self {
            watch: FileWatch::new(path, text),
            args: args.clone(),
        })
    }

    pub fn path(&self) -> &std::path::Path {
        self.watch.path()
    }

    /// The configuration the file now describes, when it changed.
    pub async fn poll(&mut self) -> Option<Result<RouterConfig, ServerError>> {
        match self.watch.poll().await {
            Change::Unchanged => None,
            Change::Changed { .. } => Some(config_file::load_config(&self.args)),
        }
    }
}
