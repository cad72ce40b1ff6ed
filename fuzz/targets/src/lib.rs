//! The bodies of the libFuzzer targets (`fuzz_targets/*.rs` only call `run`), in a library so
//! the corpus replay test (`tests/corpus.rs`) runs them without libFuzzer. A target panics
//! exactly when it found a bug; inputs the crates reject with an error are fine.

pub mod check;
pub mod generate;
pub mod schemas;

pub mod composition_compose;
pub mod executor_merge;
pub mod operation_generated;
pub mod operation_parse;
pub mod planner_plan;
pub mod supergraph_load;

use std::sync::Arc;

use operation::{Compiler, Config};
use supergraph::Supergraph;

/// A compiler for one supergraph's API schema with the router's default limits and no parse
/// cache (a cache hit would skip the code under test).
pub fn compiler(supergraph: &Supergraph) -> Compiler {
    Compiler::new(
        Arc::new(supergraph.api_schema.clone()),
        Config {
            parse_cache_capacity: 0,
            ..Config::default()
        },
    )
}

/// Loads a checked-in supergraph; they all load (their own crates' tests say so).
pub fn load((path, sdl): (&str, &str)) -> Supergraph {
    Supergraph::parse(sdl, path).unwrap_or_else(|e| panic!("{path} does not load: {e}"))
}

/// The target to run for a file of the corpus, by its folder's name.
pub fn by_name(name: &str) -> Option<fn(&[u8])> {
    Some(match name {
        "operation_parse" => operation_parse::run,
        "operation_generated" => operation_generated::run,
        "supergraph_load" => supergraph_load::run,
        "composition_compose" => composition_compose::run,
        "planner_plan" => planner_plan::run,
        "executor_merge" => executor_merge::run,
        _ => return None,
    })
}
