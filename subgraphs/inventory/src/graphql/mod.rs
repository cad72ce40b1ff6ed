//! The GraphQL schema: types, resolvers and per-request dataloaders.

pub mod loaders;
pub mod product;
mod query;

use async_graphql::{EmptyMutation, EmptySubscription, Schema, SchemaBuilder};

pub use product::{Node, Product};
pub use query::Query;

pub fn schema_builder() -> SchemaBuilder<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        // Node has no field returning it here, so register it for the SDL.
        .register_output_type::<Node>()
}

/// The options `_service { sdl }` itself uses, so the two agree byte for byte.
pub fn sdl() -> String {
    subgraph_kit::sdl::service_sdl(&schema_builder().finish())
}
