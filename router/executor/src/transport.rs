//! How the executor reaches subgraphs. The server implements this over HTTP; tests can plug in
//! their own. Nothing here knows about HTTP.

use std::time::Duration;

use crate::value::{Object, Value};
use planner::OperationKind;

/// One GraphQL request to one subgraph.
#[derive(Debug, Clone, PartialEq)]
pub struct SubgraphRequest<'a> {
    /// The subgraph's name as in the supergraph (`join__Graph` name), e.g. `"products"`.
    pub service_name: &'a str,
    /// Queries may be deduplicated by the transport; mutations never.
    pub operation_kind: OperationKind,
    pub operation_name: Option<&'a str>,
    pub query: &'a str,
    /// Only the variables this fetch uses (plus `representations` for entity fetches).
    pub variables: Object,
}

/// A subgraph's GraphQL response body, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubgraphResponse {
    /// The response tree's own value type: it is merged into the client's response as is.
    pub data: Option<Value>,
    /// GraphQL error objects as the subgraph sent them (rare, so plain `serde_json`).
    pub errors: Vec<serde_json::Value>,
    pub extensions: Option<serde_json::Value>,
}

/// Why a subgraph gave no usable GraphQL response.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    #[error("subgraph '{service}' is unreachable: {reason}")]
    Unreachable { service: String, reason: String },
    /// The answer began (a status line came) but its body did not arrive whole: the connection
    /// was closed or reset before the end.
    #[error("subgraph '{service}' broke off its response: {reason}")]
    Interrupted { service: String, reason: String },
    #[error("subgraph '{service}' did not answer within {timeout:?}")]
    Timeout { service: String, timeout: Duration },
    #[error("subgraph '{service}' answered HTTP {status}")]
    HttpStatus { service: String, status: u16 },
    #[error("subgraph '{service}' sent an invalid response: {reason}")]
    InvalidResponse { service: String, reason: String },
    /// The answer's body is longer than the subgraph's limit: it was not read to its end.
    #[error("subgraph '{service}' sent a response larger than {limit} bytes")]
    TooLarge { service: String, limit: u64 },
    #[error("no subgraph named '{service}' is configured")]
    UnknownService { service: String },
}

impl FetchError {
    /// The `extensions.code` clients see for this failure.
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::Timeout { .. } => "SUBGRAPH_TIMEOUT",
            FetchError::InvalidResponse { .. } => "SUBGRAPH_INVALID_RESPONSE",
            FetchError::TooLarge { .. } => "SUBGRAPH_RESPONSE_TOO_LARGE",
            FetchError::Unreachable { .. }
            | FetchError::Interrupted { .. }
            | FetchError::HttpStatus { .. }
            | FetchError::UnknownService { .. } => "SUBGRAPH_REQUEST_FAILED",
        }
    }
}

/// Sends subgraph requests. One value per client request is fine (the server builds one that
/// carries the client's forwarded headers and trace context around a shared connection pool).
#[async_trait::async_trait]
pub trait SubgraphTransport: Send + Sync {
    async fn fetch(&self, request: SubgraphRequest<'_>) -> Result<SubgraphResponse, FetchError>;
}
