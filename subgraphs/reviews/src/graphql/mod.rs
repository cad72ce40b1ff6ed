//! The GraphQL schema: types, resolvers and per-request dataloaders.

mod args;
pub mod loaders;
mod mutation;
mod objects;
mod query;

use async_graphql::{EmptySubscription, Schema, SchemaBuilder};

pub use mutation::Mutation;
pub use objects::{Node, Product, Review, User};
pub use query::Query;

pub fn schema_builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query, Mutation, EmptySubscription)
        .enable_federation()
        // Node has no field returning it here, so register it for the SDL.
        .register_output_type::<Node>()
}

/// The options `_service { sdl }` itself uses, so the two agree byte for byte.
pub fn sdl() -> String {
    subgraph_kit::sdl::service_sdl(&schema_builder().finish())
}
