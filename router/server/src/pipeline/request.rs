//! What a stage knows of the client's request: its GraphQL parameters and how it came.

use std::sync::Arc;

use axum::http::HeaderMap;
use serde_json::{Map, Value};

/// A GraphQL-over-HTTP request's parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphQLRequest {
    /// Empty when the client sent only a persisted-query id ([`super::persisted`] fills it in).
    pub query: String,
    pub operation_name: Option<String>,
    pub variables: Map<String, Value>,
    pub extensions: Map<String, Value>,
    /// A trusted document's id: the request's `documentId` (or `id`).
    pub document_id: Option<String>,
}

/// How the request arrived: GET may only run queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// Per-request inputs besides the GraphQL parameters.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub method: Method,
    pub headers: HeaderMap,
    /// The client asked for the query plan (`x-query-plan: true`).
    pub want_plan: bool,
    /// Set by the pipeline once the document is parsed: the name of the operation that runs
    /// (labels the request's metrics).
    pub operation_name: std::sync::OnceLock<String>,
    /// The verified token's claims; `None` for an anonymous request.
    pub claims: Option<Arc<router_auth::Claims>>,
}
