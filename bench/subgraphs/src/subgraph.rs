//! [`Subgraph`]: the four bench services by name, with their SDL and axum app.

use async_graphql_axum::GraphQL;
use axum::Router;
use axum::routing::{get, post_service};

use crate::services;

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
