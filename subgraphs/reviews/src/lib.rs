//! The reviews subgraph: reviews of products by users, plus `User.reviews`,
//! `Product.reviews`, `Product.averageRating` and `Product.reviewCount`.
//!
//! Each review stores its author's username (denormalised) so `Review.author` can serve
//! `@provides(fields: "username")` without a trip to users. Usernames come from
//! `subgraph_kit::seed::username(user_id)`, the same function the users service seeds with,
//! so the two always agree (users has no way to rename anyone).

pub mod entity;
pub mod graphql;
pub mod migration;
pub mod seed;
pub mod service;

use std::sync::Arc;

use async_graphql::{EmptySubscription, SchemaBuilder};
use sea_orm::DatabaseConnection;

use graphql::{Mutation, Query, loaders::Loaders};

pub const NAME: &str = "reviews";
pub const DEFAULT_PORT: u16 = 4004;

/// The federated schema without data (the database and loaders are added per app / request).
pub fn schema_builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    graphql::schema_builder()
}

/// Exactly what `_service { sdl }` returns (Federation v2, with `@link`).
pub fn sdl() -> String {
    graphql::sdl()
}

subgraph_kit::service!(Reviews, migration::Migrator, seed::seed_if_empty);

/// The whole HTTP service: `POST /graphql`, `GET /health`, `GET /ready`.
pub fn app(db: DatabaseConnection) -> axum::Router {
    let schema = schema_builder().data(db.clone()).finish();
    let loader_db = db.clone();
    // Fresh loaders per request: batches never mix requests and nothing is cached across them.
    let hook: subgraph_kit::http::RequestHook =
        Arc::new(move |request| request.data(Loaders::new(loader_db.clone())));
    subgraph_kit::http::service_router(schema, db, hook)
}
