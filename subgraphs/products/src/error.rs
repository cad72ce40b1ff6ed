//! Errors while the service sets itself up.

/// What can go wrong in [`crate::setup`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("products: migrating the database failed: {0}")]
    Migrate(#[source] sea_orm::DbErr),
    #[error("products: seeding the database failed: {0}")]
    Seed(#[source] sea_orm::DbErr),
}
