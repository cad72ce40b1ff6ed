//! The users subgraph: `User` accounts, the signed-in user (`me`) and a paginated user list.
//!
//! Layout: `entity` (sea-orm), `migration`, `seed`, `service` (all SQL), `graphql` (schema,
//! resolvers, dataloaders).

use async_graphql::{EmptyMutation, EmptySubscription, Schema, SchemaBuilder};
use sea_orm::DatabaseConnection;

pub mod entity;
pub mod graphql;
pub mod migration;
pub mod seed;
pub mod service;

pub use graphql::Query;

pub const NAME: &str = "users";
pub const DEFAULT_PORT: u16 = 4001;

/// The schema type this service serves.
pub type UsersSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// The federated schema, without per-request data (see [`app`]).
pub fn schema_builder() -> SchemaBuilder<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        .register_output_type::<graphql::Node>()
}

/// The Federation v2 SDL, exactly as `_service { sdl }` returns it.
pub fn sdl() -> String {
    subgraph_kit::sdl::service_sdl(&schema_builder().finish())
}

subgraph_kit::service!(Users, migration::Migrator, seed::seed);

/// The whole HTTP service: `POST /graphql`, `GET /health`, `GET /ready`.
pub fn app(db: DatabaseConnection) -> axum::Router {
    let schema = schema_builder().data(db.clone()).finish();
    let loader_db = db.clone();
    let hook: subgraph_kit::http::RequestHook = std::sync::Arc::new(move |request| {
        request.data(graphql::loaders::Loaders::new(loader_db.clone()))
    });
    subgraph_kit::http::service_router(schema, db, hook)
}
