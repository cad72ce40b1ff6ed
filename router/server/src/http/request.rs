//! GraphQL request parameters from a POST body or a GET query string.

use axum::http::{HeaderMap, StatusCode, header::CONTENT_TYPE};
use serde_json::{Map, Value};

use crate::pipeline::{GraphQLRequest, RequestError, codes};

fn bad(message: impl Into<String>) -> RequestError {
    RequestError::malformed(
        StatusCode::BAD_REQUEST,
        codes::INVALID_GRAPHQL_REQUEST,
        message,
    )
}

/// Refuses bodies that say they are not JSON. A missing content type is taken as JSON, which
/// only matters with CSRF prevention off: with it on, such a request is refused before (a
/// browser can send a body without a content type cross-origin, unpreflighted).
pub fn check_content_type(headers: &HeaderMap) -> Result<(), RequestError> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Ok(());
    };
    let media = value
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if media == "application/json" || media == "application/graphql-response+json" {
        Ok(())
    } else {
        Err(RequestError::malformed(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported content type {media:?}: send application/json"),
        ))
    }
}

/// `{"query": ..., "operationName": ..., "variables": {...}, "extensions": {...}}`
pub fn from_body(body: &[u8]) -> Result<GraphQLRequest, RequestError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| bad(format!("the request body is not valid JSON: {e}")))?;
    let Value::Object(mut object) = value else {
        return Err(bad(if value.is_array() {
            "batched requests are not supported: send one JSON object"
        } else {
            "the request body must be a JSON object"
        }));
    };
    let query = match object.remove("query") {
        Some(Value::String(query)) => Some(query),
        None | Some(Value::Null) => None,
        Some(_) => return Err(bad("`query` must be a string")),
    };
    let operation_name = match object.remove("operationName") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name),
        Some(_) => return Err(bad("`operationName` must be a string or null")),
    };
    let document_id = match object.remove("documentId").or_else(|| object.remove("id")) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(_) => return Err(bad("`documentId` must be a string")),
    };
    with_query(
        query,
        GraphQLRequest {
            query: String::new(),
            operation_name,
            variables: object_or_null(object.remove("variables"), "variables")?,
            extensions: object_or_null(object.remove("extensions"), "extensions")?,
            document_id,
        },
    )
}

/// `request` with `query`, which only a persisted-query id may replace.
fn with_query(
    query: Option<String>,
    request: GraphQLRequest,
) -> Result<GraphQLRequest, RequestError> {
    match query {
        Some(query) => Ok(GraphQLRequest { query, ..request }),
        None if request.document_id.is_some()
            || request.extensions.contains_key("persistedQuery") =>
        {
            Ok(request)
        }
        None => Err(bad("the request has no `query` (nor a persisted query id)")),
    }
}

/// `?query=...&operationName=...&variables=<JSON>&extensions=<JSON>`
pub fn from_query_string(raw: Option<&str>) -> Result<GraphQLRequest, RequestError> {
    let mut query = None;
    let mut operation_name = None;
    let mut variables = Map::new();
    let mut extensions = Map::new();
    let mut document_id = None;
    let pairs: Vec<(String, String)> = form_pairs(raw.unwrap_or_default())?;
    for (key, value) in pairs {
        match key.as_str() {
            "query" => query = Some(value),
            "documentId" | "id" if !value.is_empty() => document_id = Some(value),
            "operationName" if !value.is_empty() => operation_name = Some(value),
            "variables" if !value.is_empty() => {
                variables = object_or_null(Some(parse_param(&value, "variables")?), "variables")?;
            }
            "extensions" if !value.is_empty() => {
                extensions =
                    object_or_null(Some(parse_param(&value, "extensions")?), "extensions")?;
            }
            _ => {}
        }
    }
    with_query(
        query,
        GraphQLRequest {
            query: String::new(),
            operation_name,
            variables,
            extensions,
            document_id,
        },
    )
}

fn form_pairs(raw: &str) -> Result<Vec<(String, String)>, RequestError> {
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode_component(key)?, decode_component(value)?))
        })
        .collect()
}

/// Percent-decoding of one `application/x-www-form-urlencoded` component (`+` is a space).
fn decode_component(raw: &str) -> Result<String, RequestError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| bad("the query string has an invalid %-escape"))?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| bad("the query string is not UTF-8"))
}

fn parse_param(raw: &str, name: &str) -> Result<Value, RequestError> {
    serde_json::from_str(raw).map_err(|e| bad(format!("`{name}` is not valid JSON: {e}")))
}

fn object_or_null(value: Option<Value>, name: &str) -> Result<Map<String, Value>, RequestError> {
    match value {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(object)) => Ok(object),
        Some(_) => Err(bad(format!("`{name}` must be an object or null"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_get_parameters() {
        let request = from_query_string(Some(
            "query=query+Q(%24id%3A+ID!)+%7B+user(id%3A+%24id)+%7B+id+%7D+%7D&operationName=Q&variables=%7B%22id%22%3A%221%22%7D",
        ))
        .expect("valid");
        assert_eq!(request.query, "query Q($id: ID!) { user(id: $id) { id } }");
        assert_eq!(request.operation_name.as_deref(), Some("Q"));
        assert_eq!(request.variables["id"], "1");
    }

    #[test]
    fn refuses_malformed_bodies() {
        for body in [
            &b"{"[..],
            b"[]",
            b"3",
            br#"{"query": 3}"#,
            br#"{"variables": {}}"#,
        ] {
            let error = from_body(body).expect_err("malformed");
            assert_eq!(error.status, StatusCode::BAD_REQUEST);
            assert!(error.malformed);
        }
        let error = from_body(br#"{"query":"{a}","variables":[1]}"#).expect_err("bad variables");
        assert_eq!(
            error.errors[0]["extensions"]["code"],
            "INVALID_GRAPHQL_REQUEST"
        );
    }
}
