//! What every resolver reads from the request: the databases, the per-request dataloaders,
//! and the errors the router would answer.

use async_graphql::ErrorExtensions;
use sea_orm::DatabaseConnection;

/// The five services' databases, the same connections their subgraphs serve.
#[derive(Clone)]
pub struct Databases {
    pub users: DatabaseConnection,
    pub products: DatabaseConnection,
    pub inventory: DatabaseConnection,
    pub reviews: DatabaseConnection,
    pub carts: DatabaseConnection,
}

/// The per-request dataloaders of every service (fresh per request, as each subgraph does).
pub(crate) struct Loaders {
    pub users: users::graphql::loaders::Loaders,
    pub products: products::graphql::loaders::Loaders,
    pub inventory: inventory::graphql::loaders::Loaders,
    pub reviews: reviews::graphql::loaders::Loaders,
    pub carts: carts::graphql::Loaders,
}

/// The error the router answers for a field the request may not read.
pub(crate) fn unauthorized() -> async_graphql::Error {
    async_graphql::Error::new("Unauthorized field or type")
        .extend_with(|_, ext| ext.set("code", "UNAUTHORIZED_FIELD_OR_TYPE"))
}

/// An entity the router's entity fetch would have found no row for (the seed never makes one).
pub(crate) fn missing(what: &str, id: i64) -> async_graphql::Error {
    async_graphql::Error::new(format!("monolith: {what} {id} has no row"))
}
