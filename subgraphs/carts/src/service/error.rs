//! What the service layer can refuse, kept apart from how GraphQL reports it.

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// An argument is outside what the domain allows.
    #[error("{0}")]
    BadInput(String),
    /// The thing to change does not exist.
    #[error("{0}")]
    NotFound(String),
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
}

impl ServiceError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        ServiceError::BadInput(message.into())
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ServiceError::NotFound(message.into())
    }
}
