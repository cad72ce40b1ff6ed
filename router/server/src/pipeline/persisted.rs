//! Stage 0, before parsing: turn a persisted-query id into the operation's text, and refuse
//! what the safelist does not allow.
//!
//! - APQ (Apollo's protocol): `extensions.persistedQuery = {version: 1, sha256Hash}`. A hash
//!   alone runs the cached query or answers `PERSISTED_QUERY_NOT_FOUND` (HTTP 200, so that
//!   clients resend it with the query); a hash with its query is checked
//!   (`PERSISTED_QUERY_HASH_MISMATCH`) and the query cached once it has parsed and validated.
//! - Safelist: ids (`extensions.persistedQuery.sha256Hash`, `documentId` or `id`) run the
//!   manifest's text; operation text runs only when it is a listed body and `require_id` is
//!   off. With `log_unknown` nothing is refused, only logged.

use std::borrow::Cow;

use axum::http::StatusCode;
use serde_json::Value;

use super::codes;
use super::request::GraphQLRequest;
use super::request_error::RequestError;
use crate::persisted::PersistedQueries;
use crate::persisted::sha256_hex;

/// The request with its operation text, and the APQ hash to register once it has validated.
#[derive(Debug)]
pub struct Resolved<'a> {
    request: Cow<'a, GraphQLRequest>,
    register: Option<String>,
}

impl Resolved<'_> {
    pub fn request(&self) -> &GraphQLRequest {
        &self.request
    }

    /// Caches the query under its hash (call once it has parsed and validated, so that the
    /// cache only ever holds operations that can run).
    pub fn register(&self, queries: &PersistedQueries) {
        if let (Some(hash), Some(apq)) = (&self.register, &queries.apq) {
            apq.insert(hash.clone(), &self.request.query);
        }
    }
}

/// `extensions.persistedQuery`
struct PersistedQuery {
    version: Option<i64>,
    hash: Option<String>,
}

fn persisted_query(request: &GraphQLRequest) -> Result<Option<PersistedQuery>, RequestError> {
    match request.extensions.get("persistedQuery") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(object)) => Ok(Some(PersistedQuery {
            version: object.get("version").and_then(Value::as_i64),
            hash: object
                .get("sha256Hash")
                .and_then(Value::as_str)
                .map(str::to_owned),
        })),
        Some(_) => Err(malformed(
            codes::INVALID_GRAPHQL_REQUEST,
            "`extensions.persistedQuery` must be an object {version, sha256Hash}",
        )),
    }
}

pub fn resolve<'a>(
    queries: &PersistedQueries,
    request: &'a GraphQLRequest,
) -> Result<Resolved<'a>, RequestError> {
    let persisted = persisted_query(request)?;
    if queries.safelist.is_some() {
        return safelisted(queries, request, persisted);
    }
    let Some(persisted) = persisted else {
        if request.query.is_empty() && request.document_id.is_some() {
            return Err(malformed(
                codes::PERSISTED_QUERY_NOT_SUPPORTED,
                "`documentId` needs the safelist (persisted_queries.safelist); send `query`",
            ));
        }
        return Ok(plain(request));
    };
    let Some(apq) = &queries.apq else {
        if request.query.is_empty() {
            return Err(RequestError::new(
                StatusCode::OK,
                codes::PERSISTED_QUERY_NOT_SUPPORTED,
                "automatic persisted queries are disabled: send the query",
            ));
        }
        return Ok(plain(request));
    };
    if persisted.version != Some(1) {
        return Err(malformed(
            codes::PERSISTED_QUERY_NOT_SUPPORTED,
            "only persisted query version 1 is supported",
        ));
    }
    let Some(hash) = persisted.hash.map(|h| h.to_ascii_lowercase()) else {
        return Err(malformed(
            codes::INVALID_GRAPHQL_REQUEST,
            "`extensions.persistedQuery.sha256Hash` is missing",
        ));
    };
    if request.query.is_empty() {
        let Some(query) = apq.get(&hash) else {
            return Err(not_found());
        };
        return Ok(Resolved {
            request: Cow::Owned(GraphQLRequest {
                query: query.to_string(),
                ..request.clone()
            }),
            register: None,
        });
    }
    if sha256_hex(&request.query) != hash {
        return Err(malformed(
            codes::PERSISTED_QUERY_HASH_MISMATCH,
            "the query's SHA-256 is not `extensions.persistedQuery.sha256Hash`",
        ));
    }
    Ok(Resolved {
        request: Cow::Borrowed(request),
        register: apq.get(&hash).is_none().then_some(hash),
    })
}

fn safelisted<'a>(
    queries: &PersistedQueries,
    request: &'a GraphQLRequest,
    persisted: Option<PersistedQuery>,
) -> Result<Resolved<'a>, RequestError> {
    let Some(safelist) = &queries.safelist else {
        return Ok(plain(request));
    };
    let id = request
        .document_id
        .clone()
        .or_else(|| persisted.and_then(|p| p.hash));
    if let Some(id) = &id
        && let Some(body) = safelist.by_id(id)
    {
        return Ok(Resolved {
            request: Cow::Owned(GraphQLRequest {
                query: body.to_string(),
                ..request.clone()
            }),
            register: None,
        });
    }
    if request.query.is_empty() {
        // An unknown id: clients of the APQ protocol resend with the text, which the list may
        // know by body.
        return Err(not_found());
    }
    let refusal = if safelist.require_id {
        if id.is_some() {
            Some((
                codes::PERSISTED_QUERY_NOT_IN_LIST,
                "the persisted query id is not in the safelist",
            ))
        } else {
            Some((
                codes::PERSISTED_QUERY_ID_REQUIRED,
                "only persisted query ids are accepted: send `documentId` (or \
                 `extensions.persistedQuery.sha256Hash`) of a listed operation",
            ))
        }
    } else if safelist.contains_body(&request.query) {
        None
    } else {
        Some((
            codes::PERSISTED_QUERY_NOT_IN_LIST,
            "the operation is not in the safelist",
        ))
    };
    match refusal {
        None => Ok(plain(request)),
        Some((code, message)) if safelist.log_unknown => {
            tracing::warn!(
                code,
                id = id.as_deref().unwrap_or(""),
                operation_name = request.operation_name.as_deref().unwrap_or(""),
                query = %request.query,
                "{message} (safelist.log_unknown: running it)"
            );
            Ok(plain(request))
        }
        Some((code, message)) => Err(malformed(code, message)),
    }
}

fn plain(request: &GraphQLRequest) -> Resolved<'_> {
    Resolved {
        request: Cow::Borrowed(request),
        register: None,
    }
}

fn not_found() -> RequestError {
    // 200 whatever the media type: Apollo's clients look for the code in a 200 answer.
    RequestError::new(
        StatusCode::OK,
        codes::PERSISTED_QUERY_NOT_FOUND,
        "PersistedQueryNotFound",
    )
}

fn malformed(code: &str, message: &str) -> RequestError {
    RequestError::malformed(StatusCode::BAD_REQUEST, code, message)
}
