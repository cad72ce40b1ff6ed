//! The router load benchmark's fixtures: four small subgraphs (users, products, inventory,
//! reviews) with fixed in-memory data, shaped like the domain services (same keys, `@requires`
//! on `Product.shippingEstimate`, `@provides(fields: "username")` on `Review.author`), so that
//! a load test measures the router rather than a database; their composed supergraph; and the
//! replay baseline (`baseline`) the router's figures are compared with.
//!
//! - [`Subgraph`]: each service's name, SDL and axum app.
//! - [`serve`]: starts them in process (tests, `bench-subgraphs`).
//! - [`supergraph_sdl`]: composes them with `composition::compose`.
//! - `docs/benchmarks.md` describes the whole method.

pub mod baseline;
pub mod data;
mod error;
pub mod serve;
pub mod services;
mod subgraph;

pub use error::BenchError;
pub use serve::{Running, start, start_local};
pub use subgraph::Subgraph;

/// The supergraph of the four subgraphs, each routed to its URL in `urls` (`(subgraph, url)`;
/// every subgraph must be there).
pub fn supergraph_sdl(urls: &[(Subgraph, String)]) -> Result<String, BenchError> {
    let mut inputs = Vec::new();
    for subgraph in Subgraph::ALL {
        let url = urls
            .iter()
            .find(|(s, _)| *s == subgraph)
            .map(|(_, url)| url.clone())
            .ok_or(BenchError::MissingUrl(subgraph.name()))?;
        inputs.push(composition::SubgraphSdl::new(
            subgraph.name(),
            url,
            subgraph.sdl(),
        ));
    }
    composition::compose(&inputs)
        .map(|supergraph| supergraph.sdl)
        .map_err(|diagnostics| BenchError::Composition(composition::render(&diagnostics)))
}
