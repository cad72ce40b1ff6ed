//! Optimisation passes over the fetch-dependency graph, run in order, one per file.

mod alias_conflicts;
mod prune_empty;

use supergraph::Supergraph;

use crate::fetch_graph::FetchGraph;

pub(crate) fn run(sg: &Supergraph, fg: &mut FetchGraph) {
    prune_empty::run(fg);
    alias_conflicts::run(sg, fg);
}
