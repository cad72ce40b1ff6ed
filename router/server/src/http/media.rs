//! Content negotiation (GraphQL over HTTP): the response media type and the status it implies.

use axum::http::header::ACCEPT;
use axum::http::{HeaderMap, StatusCode};

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
pub const JSON: &str = "application/json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseMediaType {
    /// `application/graphql-response+json`: status codes say whether `data` is there.
    GraphQLResponse,
    /// `application/json`: 200 for every well-formed request.
    Json,
}

impl ResponseMediaType {
    /// The best type the client's `Accept` names explicitly (graphql-response+json on a
    /// tie); legacy `application/json` when it names neither, sends only wildcards or no
    /// `Accept` at all, as the spec recommends for compatibility.
    pub fn negotiate(headers: &HeaderMap) -> Self {
        let mut best: Option<(f32, Self)> = None;
        for value in headers.get_all(ACCEPT) {
            let Ok(value) = value.to_str() else { continue };
            for range in value.split(',') {
                let mut parts = range.split(';');
                let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                let kind = match media.as_str() {
                    GRAPHQL_RESPONSE_JSON => Self::GraphQLResponse,
                    JSON => Self::Json,
                    _ => continue,
                };
                if q <= 0.0 {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((best_q, best_kind)) => {
                        q > best_q
                            || (q == best_q
                                && kind == Self::GraphQLResponse
                                && best_kind == Self::Json)
                    }
                };
                if better {
                    best = Some((q, kind));
                }
            }
        }
        best.map_or(Self::Json, |(_, kind)| kind)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::GraphQLResponse => GRAPHQL_RESPONSE_JSON,
            Self::Json => JSON,
        }
    }

    /// The status of a response without `data`.
    pub fn request_error_status(self, status: StatusCode, malformed: bool) -> StatusCode {
        match self {
            Self::GraphQLResponse => status,
            Self::Json if malformed => status,
            Self::Json => StatusCode::OK,
        }
    }
}

/// The client is a browser asking for a page (`text/html` before any JSON type).
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .and_then(|accept| {
            accept
                .split(',')
                .map(|r| r.split(';').next().unwrap_or_default().trim())
                .find(|m| matches!(*m, "text/html" | JSON | GRAPHQL_RESPONSE_JSON))
        })
        .is_some_and(|first| first == "text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, value.parse().unwrap());
        headers
    }

    #[test]
    fn negotiates_per_the_graphql_over_http_spec() {
        use ResponseMediaType::*;
        assert_eq!(ResponseMediaType::negotiate(&HeaderMap::new()), Json);
        assert_eq!(ResponseMediaType::negotiate(&accept("*/*")), Json);
        assert_eq!(ResponseMediaType::negotiate(&accept(JSON)), Json);
        assert_eq!(
            ResponseMediaType::negotiate(&accept(
                "application/graphql-response+json, application/json;q=0.9"
            )),
            GraphQLResponse
        );
        assert_eq!(
            ResponseMediaType::negotiate(&accept(
                "application/graphql-response+json;q=0.5, application/json"
            )),
            Json
        );
        assert_eq!(
            ResponseMediaType::negotiate(&accept(
                "application/json, application/graphql-response+json"
            )),
            GraphQLResponse
        );
    }

    #[test]
    fn browsers_get_html() {
        assert!(wants_html(&accept(
            "text/html,application/xhtml+xml,*/*;q=0.8"
        )));
        assert!(!wants_html(&accept("application/json, text/html")));
        assert!(!wants_html(&HeaderMap::new()));
    }
}
