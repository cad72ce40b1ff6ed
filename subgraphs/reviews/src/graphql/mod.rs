//! The GraphQL schema: types, resolvers and per-request dataloaders.

pub mod loaders;
mod mutation;
mod product;
mod query;
mod review;
mod user;

use async_graphql::{EmptySubscription, Result, Schema, SchemaBuilder};
use subgraph_kit::{
    errors::bad_input,
    pagination::{MAX_FIRST, validate_first},
};

pub use mutation::Mutation;
pub use product::Product;
pub use query::Query;
pub use review::{Node, Review};
pub use user::User;

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

/// `first` (null means `default`) as a row limit, or BAD_USER_INPUT outside 1..=100
/// (the kit's rule, shared with the paginated services).
fn first_or(first: Option<i32>, default: i32) -> Result<u64> {
    validate_first(first.unwrap_or(default), MAX_FIRST)
}

/// A decimal id as used by every service, or BAD_USER_INPUT.
fn parse_id(what: &str, id: &async_graphql::ID) -> Result<i64> {
    match id.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(bad_input(format!(
            "{what} id must be a positive integer, got {:?}",
            id.as_str()
        ))),
    }
}
