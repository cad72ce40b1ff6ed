//! How service errors and loader failures reach clients.

use std::sync::Arc;

use subgraph_kit::errors::{bad_input, internal, not_found};

use crate::service::ServiceError;

/// The coded GraphQL error for a service error. Map explicitly: async-graphql's blanket
/// `From<impl Display>` would let `?` compile and silently drop the code.
pub fn service_error(err: ServiceError) -> async_graphql::Error {
    match err {
        ServiceError::BadInput(message) => bad_input(message),
        ServiceError::NotFound(message) => not_found(message),
        ServiceError::Db(err) => internal(err),
    }
}

/// A batch load failed; every key of the batch shares the database error.
pub fn load_failed(err: Arc<sea_orm::DbErr>) -> async_graphql::Error {
    internal(err)
}

/// The loader returned no value for a key, which our batch functions never do.
pub fn load_missing(err: std::io::Error) -> async_graphql::Error {
    internal(err)
}
