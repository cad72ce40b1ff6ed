use sea_orm::DbErr;

/// What can go wrong while the service sets itself up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("reviews database setup failed: {0}")]
    Database(#[from] DbErr),
}
