//! The monolith: one async-graphql schema serving the supergraph's API schema over the five
//! services' databases, every field resolved by the owning service's service layer (and its
//! per-request dataloaders, which call nothing else). It is what "one big server" would answer,
//! so for any operation the router's expected response is known.
//!
//! Federation semantics it reproduces on purpose:
//! - the router's authorization: the test stack verifies no tokens, so `@authenticated`
//!   (`User.email`) and `@requiresScopes` (`User.orders`) fields are always unreadable: `null`
//!   with `UNAUTHORIZED_FIELD_OR_TYPE` at their path, nulls propagating as for any error;
//! - `@provides`: `Review.author.username` is the copy reviews stores with the review;
//! - `@requires`: `Product.shippingEstimate` is inventory's formula over products' price and
//!   weight.
//!
//! Entities are ids: an object reached from another service (a review's product, a cart line's
//! product, a review's author) loads its owner's row through that owner's dataloader, as the
//! router's entity fetch would.

mod context;
mod entities;
mod mutation;
mod query;

use async_graphql::{EmptySubscription, Request, Schema};
use subgraph_kit::auth::CurrentUser;

pub use context::Databases;
use context::Loaders;
pub use entities::{Cart, Node, Order, Product, Review, SearchResult, User};
pub use mutation::Mutation;
pub use query::Query;

/// The schema type of the monolith.
pub type MonolithSchema = Schema<Query, Mutation, EmptySubscription>;

/// The monolith over `databases`.
pub struct Monolith {
    schema: MonolithSchema,
    databases: Databases,
}

impl Monolith {
    pub fn new(databases: Databases) -> Monolith {
        Monolith {
            schema: schema_builder().data(databases.clone()).finish(),
            databases,
        }
    }

    /// The monolith's SDL (async-graphql's printing, without federation).
    pub fn sdl(&self) -> String {
        self.schema.sdl()
    }

    /// Runs `query` with `variables` as user `user_id` (the `x-user-id` the router forwards);
    /// the response as JSON (`data`, and `errors` when there are any).
    pub async fn execute(
        &self,
        query: &str,
        variables: serde_json::Value,
        user_id: Option<i64>,
    ) -> serde_json::Value {
        let current = match user_id {
            Some(id) => CurrentUser::User(id),
            None => CurrentUser::Anonymous,
        };
        let loaders = Loaders {
            users: users::graphql::loaders::Loaders::new(self.databases.users.clone()),
            products: products::graphql::loaders::Loaders::new(self.databases.products.clone()),
            inventory: inventory::graphql::loaders::Loaders::new(self.databases.inventory.clone()),
            reviews: reviews::graphql::loaders::Loaders::new(self.databases.reviews.clone()),
            carts: carts::graphql::Loaders::new(self.databases.carts.clone()),
        };
        let request = Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(current)
            .data(loaders);
        let response = self.schema.execute(request).await;
        serde_json::to_value(&response).unwrap_or_else(|err| {
            serde_json::json!({ "errors": [{ "message": format!("unserializable: {err}") }] })
        })
    }
}

/// The schema without data.
pub fn schema_builder() -> async_graphql::SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query, Mutation, EmptySubscription).register_output_type::<Node>()
}
