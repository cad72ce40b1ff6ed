//! `/graphql` handlers: decode the request, run the pipeline, encode the response.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::{ALLOW, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::media::{ResponseMediaType, wants_html};
use super::request;
use crate::pipeline::{self, GraphQLRequest, Method, RequestContext, RequestError, codes};
use crate::state::{AppState, RouterState};
use router_telemetry::Outcome;

use super::telemetry::GraphQLOutcome;

/// The request header that asks for the query plan in `extensions.queryPlan`.
pub const QUERY_PLAN_HEADER: &str = "x-query-plan";

pub async fn post(State(app): State<Arc<AppState>>, headers: HeaderMap, body: Body) -> Response {
    let media = ResponseMediaType::negotiate(&headers);
    let Some(state) = app.current() else {
        return unnamed(Outcome::Failure, not_ready(media));
    };
    if let Err(error) = super::csrf::check(&state.config.csrf, &headers) {
        return encode(media, error.status, &error.body());
    }
    let limit = state.config.limits.max_body_bytes;
    let request = match request::check_content_type(&headers) {
        Ok(()) => match axum::body::to_bytes(body, limit).await {
            Ok(body) => request::from_body(&body),
            Err(error) if is_length_limit(&error) => Err(RequestError::malformed(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than {limit} bytes"),
            )),
            Err(error) => Err(RequestError::malformed(
                StatusCode::BAD_REQUEST,
                codes::INVALID_GRAPHQL_REQUEST,
                format!("cannot read the request body: {error}"),
            )),
        },
        Err(error) => Err(error),
    };
    handle(&app, &state, request, Method::Post, headers, media).await
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if current.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = current.source();
    }
    false
}

/// 503 while no supergraph is loaded yet.
pub fn not_ready(media: ResponseMediaType) -> Response {
    let error = RequestError::malformed(
        StatusCode::SERVICE_UNAVAILABLE,
        codes::SUPERGRAPH_NOT_READY,
        "the router has no supergraph loaded yet; retry shortly",
    );
    encode(media, error.status, &error.body())
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(state) = app.current() else {
        return unnamed(
            Outcome::Failure,
            not_ready(ResponseMediaType::negotiate(&headers)),
        );
    };
    // A browser opening /graphql gets the playground rather than an error about `query`.
    if wants_html(&headers) && state.config.playground.enabled {
        return super::playground::response(&state);
    }
    let media = ResponseMediaType::negotiate(&headers);
    if let Err(error) = super::csrf::check(&state.config.csrf, &headers) {
        return encode(media, error.status, &error.body());
    }
    let request = request::from_query_string(query.as_deref());
    handle(&app, &state, request, Method::Get, headers, media).await
}

/// Any method but GET and POST.
pub async fn other_method(headers: HeaderMap) -> Response {
    let media = ResponseMediaType::negotiate(&headers);
    let error = RequestError::malformed(
        StatusCode::METHOD_NOT_ALLOWED,
        codes::METHOD_NOT_ALLOWED,
        "use GET (queries) or POST",
    );
    let mut response = encode(media, error.status, &error.body());
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("GET, POST"));
    unnamed(Outcome::RequestError, response)
}

/// Labels a response that never reached the pipeline for the request metrics.
fn unnamed(outcome: Outcome, response: Response) -> Response {
    GraphQLOutcome {
        operation_name: None,
        outcome,
    }
    .attach(response)
}

async fn handle(
    app: &AppState,
    state: &RouterState,
    request: Result<GraphQLRequest, RequestError>,
    method: Method,
    headers: HeaderMap,
    media: ResponseMediaType,
) -> Response {
    let want_plan = headers
        .get(QUERY_PLAN_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true") || v.trim() == "1");
    let mut operation_name = None;
    let claims = router_auth::authenticate(&app.jwks, &state.config.authentication, &headers)
        .await
        .map_err(|error| RequestError::from_auth(&error));
    let result = match (request, claims) {
        (Ok(request), Ok(claims)) => {
            operation_name = request.operation_name.clone();
            let context = RequestContext {
                method,
                headers,
                want_plan,
                operation_name: Default::default(),
                claims,
            };
            let result = pipeline::run(state, request, &context).await;
            // The document's name wins: it is the one that ran.
            if let Some(name) = context.operation_name.into_inner() {
                operation_name = Some(name);
            }
            result
        }
        (_, Err(error)) | (Err(error), _) => Err(error),
    };
    let outcome = match &result {
        Ok(body) if !body.errors.is_empty() => Outcome::GraphqlErrors,
        Ok(_) => Outcome::Success,
        Err(error) if error.status.is_server_error() => Outcome::Failure,
        Err(_) => Outcome::RequestError,
    };
    let response = match result {
        Ok(body) => encode(media, StatusCode::OK, &body),
        Err(error) => {
            let status = media.request_error_status(error.status, error.malformed);
            let mut response = encode(media, status, &error.body());
            if error.status == StatusCode::METHOD_NOT_ALLOWED {
                response
                    .headers_mut()
                    .insert(ALLOW, HeaderValue::from_static("POST"));
            }
            if error.status == StatusCode::UNAUTHORIZED {
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            response
        }
    };
    GraphQLOutcome {
        operation_name,
        outcome,
    }
    .attach(response)
}

/// sonic-rs escapes strings with SIMD: serializing is a tenth of the router's work per request
/// on large responses, most of it string escaping.
fn encode(media: ResponseMediaType, status: StatusCode, body: &impl serde::Serialize) -> Response {
    match sonic_rs::to_vec(body) {
        Ok(bytes) => (status, [(CONTENT_TYPE, media.content_type())], bytes).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot encode a response");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
