//! Arbitrary bytes as a supergraph. What loads must give a valid API schema (printed and
//! parsed again), a query graph and an operation compiler.

use std::sync::Arc;

use operation::apollo_compiler::Schema;
use planner::Planner;
use supergraph::Supergraph;

pub fn run(data: &[u8]) {
    let Ok(sdl) = std::str::from_utf8(data) else {
        return;
    };
    match Supergraph::parse(sdl, "fuzz.graphql") {
        Ok(supergraph) => loaded(supergraph),
        Err(error) => {
            // Errors are data: they must render.
            let _ = error.to_string();
        }
    }
}

fn loaded(supergraph: Supergraph) {
    let api_sdl = supergraph.api_sdl();
    if let Err(errors) = Schema::parse_and_validate(&api_sdl, "api.graphql") {
        panic!("the API schema does not validate: {errors}\n{api_sdl}");
    }
    let compiler = crate::compiler(&supergraph);
    let planner = Planner::new(Arc::new(supergraph));
    let _ = planner.override_labels();
    // The smallest operation every schema answers.
    let _ = compiler.parse("{ __typename }", None);
}
