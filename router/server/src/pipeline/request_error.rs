//! A failure that ends a request before execution, as GraphQL errors with a status.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::codes;

/// A failure that leaves the response without `data`.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestError {
    /// The status for `application/graphql-response+json` responses.
    pub status: StatusCode,
    /// The request is not a well-formed GraphQL-over-HTTP request (bad JSON, no query, too
    /// large, mutation over GET): `status` applies to `application/json` responses too.
    pub malformed: bool,
    /// GraphQL error objects, each with `extensions.code`.
    pub errors: Vec<Value>,
}

impl RequestError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            malformed: false,
            errors: vec![error_json(message, code)],
        }
    }

    /// A request that is not a well-formed GraphQL-over-HTTP request.
    pub fn malformed(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            malformed: true,
            ..Self::new(status, code, message)
        }
    }

    pub fn internal(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, code, message)
    }

    /// A token that does not verify: an HTTP-level refusal, 401 whatever the response media
    /// type.
    pub fn from_auth(error: &router_auth::AuthError) -> Self {
        Self::malformed(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHENTICATED,
            format!("invalid token: {error}"),
        )
    }

    pub fn from_operation(error: &operation::OperationError) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            malformed: false,
            errors: error.to_json(),
        }
    }

    pub fn body(&self) -> Value {
        json!({ "errors": self.errors })
    }
}

/// `{ "message": ..., "extensions": { "code": ... } }`
pub fn error_json(message: impl Into<String>, code: &str) -> Value {
    json!({ "message": message.into(), "extensions": { "code": code } })
}
