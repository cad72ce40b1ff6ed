//! File mode: a composed supergraph file (`--supergraph`, `supergraph.path`, or the default
//! `schema/supergraph.graphql`), reloaded when its content changes. A new file that does not
//! load is logged with its location and the last good supergraph stays.

use std::path::PathBuf;

use supergraph::Supergraph;

use super::digest::sha256_hex;
use super::file_watch::{Change, FileWatch};
use super::outcome::Outcome;
use crate::error::ServerError;
use crate::supergraph_source;

#[derive(Debug)]
pub struct SupergraphFile {
    watch: FileWatch,
}

impl SupergraphFile {
    /// Loads the file now (an error stops startup) and watches it from there.
    pub fn load(path: PathBuf) -> Result<(Self, Supergraph, String), ServerError> {
        let text =
            std::fs::read_to_string(&path).map_err(|source| ServerError::ReadSupergraph {
                path: path.clone(),
                source,
            })?;
        let supergraph = supergraph_source::parse(&text, &path.display().to_string())?;
        let hash = sha256_hex(text.as_bytes());
        let watch = FileWatch::new(path, Some(&text));
        Ok((Self { watch }, supergraph, hash))
    }

    pub fn path(&self) -> &std::path::Path {
        self.watch.path()
    }

    /// The new supergraph and its hash, when the file changed and loads.
    pub async fn poll(&mut self) -> Outcome {
        let Change::Changed { text, hash } = self.watch.poll().await else {
            return Outcome::Unchanged;
        };
        match supergraph_source::parse(&text, &self.path().display().to_string()) {
            Ok(supergraph) => Outcome::New {
                supergraph: Box::new(supergraph),
                hash,
            },
            Err(error) => {
                tracing::error!(%error, "the changed supergraph file does not load; keeping the last good supergraph");
                Outcome::Rejected
            }
        }
    }
}
