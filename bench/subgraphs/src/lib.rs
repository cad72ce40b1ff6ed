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

use async_graphql_axum::GraphQL;
use axum::Router;
use axum::routing::{get, post_service};

pub use error::BenchError;
pub use serve::{Running, start, start_local};

/// One of the bench subgraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subgraph {
    Users,
    Products,
    Inventory,
    Reviews,
}

impl Subgraph {
    pub const ALL: [Subgraph; 4] = [
        Subgraph::Users,
        Subgraph::Products,
        Subgraph::Inventory,
        Subgraph::Reviews,
    ];

    /// The name in the supergraph's `join__Graph` (and in `--subgraph-url NAME=URL`).
    pub fn name(self) -> &'static str {
        match self {
            Subgraph::Users => "users",
            Subgraph::Products => "products",
            Subgraph::Inventory => "inventory",
            Subgraph::Reviews => "reviews",
        }
    }

    pub fn from_name(name: &str) -> Option<Subgraph> {
        Subgraph::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The Federation v2 SDL the service answers to `_service { sdl }`.
    pub fn sdl(self) -> String {
        let options = services::sdl_options();
        match self {
            Subgraph::Users => services::users::schema().sdl_with_options(options),
            Subgraph::Products => services::products::schema().sdl_with_options(options),
            Subgraph::Inventory => services::inventory::schema().sdl_with_options(options),
            Subgraph::Reviews => services::reviews::schema().sdl_with_options(options),
        }
    }

    /// `POST /graphql` and `GET /health`; no logging or tracing layers, to keep the
    /// subgraphs' own cost low and steady.
    pub fn app(self) -> Router {
        let graphql = match self {
            Subgraph::Users => post_service(GraphQL::new(services::users::schema())),
            Subgraph::Products => post_service(GraphQL::new(services::products::schema())),
            Subgraph::Inventory => post_service(GraphQL::new(services::inventory::schema())),
            Subgraph::Reviews => post_service(GraphQL::new(services::reviews::schema())),
        };
        Router::new()
            .route("/graphql", graphql)
            .route("/health", get(|| async { "ok" }))
    }
}

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
