//! `extensions.code` values the server itself produces (the operation crate, the executor and
//! subgraphs add their own).

/// The body is not JSON, or not a GraphQL request object.
pub const INVALID_GRAPHQL_REQUEST: &str = "INVALID_GRAPHQL_REQUEST";
/// The body is larger than the configured limit.
pub const PAYLOAD_TOO_LARGE: &str = "PAYLOAD_TOO_LARGE";
/// A mutation or subscription sent with GET.
pub const METHOD_NOT_ALLOWED: &str = "METHOD_NOT_ALLOWED";
/// The request's content type is not JSON.
pub const UNSUPPORTED_MEDIA_TYPE: &str = "UNSUPPORTED_MEDIA_TYPE";
/// Subscriptions are not served over this transport.
pub const SUBSCRIPTION_NOT_SUPPORTED: &str = "SUBSCRIPTION_NOT_SUPPORTED";
/// The planner could not plan a valid operation (a router bug or an unsatisfiable supergraph).
pub const QUERY_PLANNING_FAILED: &str = "QUERY_PLANNING_FAILED";
/// The executor failed as a whole.
pub const EXECUTION_FAILED: &str = "EXECUTION_FAILED";
/// A GET, or a POST with a simple content type, without a header proving it was preflighted.
pub const CSRF_PREVENTION: &str = "CSRF_PREVENTION";
/// APQ: the hash is not in the cache (send the query with it), or an id is not in the safelist.
pub const PERSISTED_QUERY_NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
/// APQ is off (or the persisted-query version is not 1).
pub const PERSISTED_QUERY_NOT_SUPPORTED: &str = "PERSISTED_QUERY_NOT_SUPPORTED";
/// APQ: the query's SHA-256 is not the hash sent with it.
pub const PERSISTED_QUERY_HASH_MISMATCH: &str = "PERSISTED_QUERY_HASH_MISMATCH";
/// Safelist: the operation text is not in the manifests.
pub const PERSISTED_QUERY_NOT_IN_LIST: &str = "PERSISTED_QUERY_NOT_IN_LIST";
/// Safelist with `require_id`: operation text sent without an id.
pub const PERSISTED_QUERY_ID_REQUIRED: &str = "PERSISTED_QUERY_ID_REQUIRED";
/// No supergraph is loaded yet (the router is starting and composing).
pub const SUPERGRAPH_NOT_READY: &str = "SUPERGRAPH_NOT_READY";
/// The request's token does not verify, or authentication is required and none came.
pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
/// A field or type the request may not read (`@authenticated`, `@requiresScopes`, `@policy`).
pub const UNAUTHORIZED_FIELD_OR_TYPE: &str = "UNAUTHORIZED_FIELD_OR_TYPE";
