//! What composition takes and gives: [`SubgraphSdl`] in, [`Supergraph`] out.

use crate::diagnostic::Hint;

/// One subgraph to compose: its name (as in `join__Graph`), routing URL and SDL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubgraphSdl {
    pub name: String,
    pub url: String,
    pub sdl: String,
}

impl SubgraphSdl {
    pub fn new(name: impl Into<String>, url: impl Into<String>, sdl: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: url.into(),
            sdl: sdl.into(),
        }
    }
}

/// A composed supergraph.
#[derive(Clone, Debug)]
pub struct Supergraph {
    /// The supergraph SDL, in the standard printed form (ends with a newline).
    pub sdl: String,
    /// Non-fatal remarks (inconsistent but compatible types, dropped optional arguments...).
    pub hints: Vec<Hint>,
}
