//! The inventory subgraph: how many of each product are in stock, whether it can be bought
//! (`Product.inStock`, taken over from products) and what shipping it would cost
//! (`Product.shippingEstimate`, computed from the price and weight products owns).

pub mod entity;
pub mod graphql;
pub mod migration;
pub mod seed;
pub mod service;

use std::sync::Arc;

use async_graphql::{EmptyMutation, EmptySubscription, SchemaBuilder};
use sea_orm::DatabaseConnection;

use graphql::{Query, loaders::Loaders};

pub const NAME: &str = "inventory";
pub const DEFAULT_PORT: u16 = 4003;

/// The federated schema without data (the database and loaders are added per app / request).
pub fn schema_builder() -> SchemaBuilder<Query, EmptyMutation, EmptySubscription> {
    graphql::schema_builder()
}

/// Exactly what `_service { sdl }` returns (Federation v2, with `@link`).
pub fn sdl() -> String {
    graphql::sdl()
}

subgraph_kit::service!(Inventory, migration::Migrator, seed::seed_if_empty);

/// The whole HTTP service: `POST /graphql`, `GET /health`, `GET /ready`.
pub fn app(db: DatabaseConnection) -> axum::Router {
    let schema = schema_builder().data(db.clone()).finish();
    let loader_db = db.clone();
    // Fresh loaders per request: batches never mix requests and nothing is cached across them.
    let hook: subgraph_kit::http::RequestHook =
        Arc::new(move |request| request.data(Loaders::new(loader_db.clone())));
    subgraph_kit::http::service_router(schema, db, hook)
}
