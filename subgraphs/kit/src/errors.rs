//! Client-facing error codes and the kit's own startup errors.

use async_graphql::ErrorExtensions;

/// The `extensions.code` values our subgraphs return, in the spelling Apollo's ecosystem uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// An argument is out of range, malformed or too long.
    BadUserInput,
    /// An id names nothing.
    NotFound,
    /// The operation needs a signed-in user (`x-user-id`) and there is none, or it is malformed.
    Unauthenticated,
    /// The database failed; details go to the log, not to the client.
    InternalServerError,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::InternalServerError => "INTERNAL_SERVER_ERROR",
        }
    }

    /// A GraphQL error carrying this code in `extensions.code`.
    pub fn error(self, message: impl Into<String>) -> async_graphql::Error {
        async_graphql::Error::new(message).extend_with(|_, ext| ext.set("code", self.as_str()))
    }
}

/// `BAD_USER_INPUT` error.
pub fn bad_input(message: impl Into<String>) -> async_graphql::Error {
    ErrorCode::BadUserInput.error(message)
}

/// `NOT_FOUND` error.
pub fn not_found(message: impl Into<String>) -> async_graphql::Error {
    ErrorCode::NotFound.error(message)
}

/// Turns a database error into a client error without leaking SQL; the detail is logged.
pub fn internal(err: impl std::fmt::Display) -> async_graphql::Error {
    tracing::error!(error = %err, "database error");
    ErrorCode::InternalServerError.error("internal error while reading or writing data")
}

/// Errors while a service starts: bad configuration, unreachable database, failed migration.
#[derive(Debug, thiserror::Error)]
pub enum KitError {
    #[error("invalid DATABASE_URL {url:?}: {reason}")]
    InvalidDatabaseUrl { url: String, reason: String },
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sea_orm::DbErr),
    #[error("database setup failed: {0}")]
    Setup(#[from] sea_orm::DbErr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(#[source] std::io::Error),
    #[error("telemetry: {0}")]
    Telemetry(String),
}
