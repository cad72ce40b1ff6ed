//! The client-facing response: `{ data, errors, extensions }` in the GraphQL response shape.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::value;

/// What the router sends back for one operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The shaped result: an object, or `null` when a non-null root field could not be
    /// completed. The executor always sets it (execution started, so the spec requires the
    /// entry); `None` (no `data` key) is for request errors, see [`Response::request_errors`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<value::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<GraphQLError>,
    /// Empty unless the caller adds something (the executor itself adds nothing).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extensions: Map<String, Value>,
}

impl Response {
    /// A response for a request that failed before execution (parse, validation, variables):
    /// no `data` entry at all, as the spec requires.
    pub fn request_errors(errors: Vec<GraphQLError>) -> Self {
        Self {
            data: None,
            errors,
            extensions: Map::new(),
        }
    }
}

/// One entry of `errors`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphQLError {
    pub message: String,
    /// Positions in the client's document. Subgraph locations point into documents the client
    /// never saw, so forwarded errors have none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    /// The client's response path of the field the error is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<PathElement>>,
    /// `code` (always set by the executor) and `serviceName` for subgraph-related errors,
    /// plus whatever else the subgraph sent.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extensions: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: u64,
    pub column: u64,
}

/// A response path segment: an object key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum PathElement {
    Key(String),
    Index(usize),
}

impl fmt::Display for PathElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathElement::Key(key) => f.write_str(key),
            PathElement::Index(index) => write!(f, "{index}"),
        }
    }
}

impl GraphQLError {
    /// An error with `extensions.code` set.
    pub fn new(message: impl Into<String>, code: &str) -> Self {
        let mut extensions = Map::new();
        extensions.insert("code".into(), Value::String(code.into()));
        Self {
            message: message.into(),
            locations: Vec::new(),
            path: None,
            extensions,
        }
    }

    pub fn with_path(mut self, path: Option<Vec<PathElement>>) -> Self {
        self.path = path;
        self
    }

    pub fn with_service(mut self, service_name: &str) -> Self {
        self.extensions
            .insert("serviceName".into(), Value::String(service_name.into()));
        self
    }

    /// `extensions.code`, if any.
    pub fn code(&self) -> Option<&str> {
        self.extensions.get("code").and_then(Value::as_str)
    }
}

/// The `extensions.code` of errors the executor raises itself.
pub mod codes {
    /// A subgraph error without a code of its own.
    pub const DOWNSTREAM_SERVICE_ERROR: &str = "DOWNSTREAM_SERVICE_ERROR";
    /// A subgraph value that does not fit the API schema (wrong type, null in a non-null field).
    pub const RESPONSE_VALIDATION_FAILED: &str = "RESPONSE_VALIDATION_FAILED";
    /// Introspection was asked for but no answer was supplied to the executor.
    pub const INTROSPECTION_UNAVAILABLE: &str = "INTROSPECTION_UNAVAILABLE";
    /// A field the caller removed from the plan because the request may not read it (see
    /// [`crate::UNAUTHORIZED_DIRECTIVE`]).
    pub const UNAUTHORIZED_FIELD_OR_TYPE: &str = "UNAUTHORIZED_FIELD_OR_TYPE";
}
