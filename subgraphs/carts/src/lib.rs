//! The carts subgraph: each user's shopping cart and their orders.
//!
//! Adds `User.cart` and `User.orders` to the users service's `User`, refers to `Product` by id
//! only, and owns `Cart` and `Order`. Mutations act on the signed-in user (`x-user-id`).
//!
//! - `User.cart` / `Query.cart` is null until the user's first cart mutation creates the cart;
//!   from then on the cart (and its id) stays, possibly empty after `clearCart` or `checkout`.
//! - Concurrency: every mutation is one write transaction (`BEGIN IMMEDIATE` on SQLite) that
//!   first upserts the user's cart row, which serialises one user's mutations on PostgreSQL too;
//!   quantities are added by an atomic `ON CONFLICT (cart_id, product_id) DO UPDATE`. See
//!   [`service::carts`] and [`service::checkout`].

pub mod entity;
pub mod graphql;
pub mod migration;
pub mod seed;
pub mod service;

use std::sync::Arc;

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};
use sea_orm::DatabaseConnection;

use graphql::{Loaders, Mutation, Query, types::Node};

pub const NAME: &str = "carts";
pub const DEFAULT_PORT: u16 = 4005;

/// The schema without data: loaders and the connection are added per request by [`app`].
pub fn schema_builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        .register_output_type::<Node>()
}

/// The Federation v2 SDL, exactly as `_service { sdl }` serves it (async-graphql's `_service`
/// exports with `compose_directive()` too, which changes the output's ending).
pub fn sdl() -> String {
    subgraph_kit::sdl::service_sdl(&schema_builder().finish())
}

subgraph_kit::service!(Carts, migration::Migrator, seed::seed_if_empty);

/// The whole HTTP service: `POST /graphql`, `GET /health`, `GET /ready`.
pub fn app(db: DatabaseConnection) -> axum::Router {
    let schema = schema_builder().finish();
    let hook_db = db.clone();
    subgraph_kit::http::service_router(
        schema,
        db,
        Arc::new(move |request| request.data(Loaders::new(hook_db.clone()))),
    )
}
