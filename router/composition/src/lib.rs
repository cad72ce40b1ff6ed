//! Federation v2 composition: subgraph SDLs in, a standard supergraph SDL out (the
//! `join/v0.5` format that `rover supergraph compose` emits and that Apollo Router, Hive
//! Router and our own `supergraph` crate load).
//!
//! # Public API
//! - [`compose`]`(&[SubgraphSdl]) -> Result<Supergraph, Vec<Diagnostic>>`: parses each
//!   subgraph (Federation 2 `@link` imports, renamed or namespaced directives, Federation 1
//!   bare directives), validates federation directive usage per subgraph, merges, checks
//!   satisfiability, and prints the supergraph. On failure, every diagnostic found is
//!   returned at once, each with an Apollo error code, a message and `subgraph:line:column`
//!   locations.
//! - [`Supergraph`]: `sdl` plus non-fatal [`Hint`]s.
//! - [`render`]: diagnostics as text (one paragraph each), as a CLI prints them.
//! - [`config::SupergraphConfig`]: rover's `supergraph.yaml`, strictly parsed;
//!   [`config::SupergraphConfig::load_subgraphs`] reads files / fetches `subgraph_url`s.
//! - [`fetch::fetch_subgraph_sdl`]: a live subgraph's `_service { sdl }`.
//!
//! Stages mirror Apollo's: `parse` → `validate` → `merge` → `satisfiability` → `print`.

pub mod config;
mod diagnostic;
pub mod fetch;
mod fieldset;
mod merge;
mod model;
mod parse;
mod print;
mod satisfiability;
mod validate;

pub use diagnostic::{Diagnostic, Hint, Location, render};

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

/// Composes subgraphs into a supergraph. Subgraphs are ordered by name, as `rover` does, so
/// the result does not depend on the input order.
pub fn compose(subgraphs: &[SubgraphSdl]) -> Result<Supergraph, Vec<Diagnostic>> {
    let mut inputs: Vec<&SubgraphSdl> = subgraphs.iter().collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));

    let mut diagnostics = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in &inputs {
        if !seen.insert(input.name.as_str()) {
            diagnostics.push(Diagnostic::new(
                "INVALID_SUBGRAPH_NAME",
                format!("There are multiple subgraphs named \"{}\"", input.name),
            ));
        }
    }
    if inputs.is_empty() {
        diagnostics.push(Diagnostic::new("NO_QUERIES", "No subgraphs to compose."));
    }

    let mut parsed = Vec::new();
    for input in &inputs {
        match parse::parse_subgraph(input) {
            Ok(subgraph) => {
                diagnostics.extend(validate::validate_subgraph(&subgraph));
                parsed.push(subgraph);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let (schema, errors, hints) = merge::merge(&parsed);
    if !errors.is_empty() {
        return Err(errors);
    }
    let errors = satisfiability::check(&schema);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Supergraph {
        sdl: print::print(&schema),
        hints,
    })
}
