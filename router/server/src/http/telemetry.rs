//! The HTTP side of telemetry: one layer around every route that serves `/metrics`, gives the
//! request its id and its server span (continuing the caller's W3C trace), counts it, and
//! answers with `x-request-id` and `traceparent`.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tracing::Instrument;
use tracing::field::Empty;

use router_config::TelemetryConfig;
use router_telemetry::metrics::{self, Outcome};
use router_telemetry::propagation;
use router_telemetry::request_id::{RequestId, X_REQUEST_ID};

use crate::state::AppState;

/// Put on a `/graphql` response by its handler: what the request metrics are labelled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphQLOutcome {
    /// The operation's name (from the document, else the request's `operationName`).
    pub operation_name: Option<String>,
    pub outcome: Outcome,
}

impl GraphQLOutcome {
    /// Attaches `self` to `response` for [`layer`].
    pub fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

/// Routes known to the router: their span is named after them, any other path after the
/// method alone (paths are unbounded, span names should not be).
const ROUTES: &[&str] = &["/graphql", "/", "/health", "/ready"];

/// The layer around the router's routes (`axum::middleware::from_fn_with_state`).
pub async fn layer(State(app): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    let current = app.current();
    let default_config;
    let config = match &current {
        Some(state) => &state.config.telemetry,
        None => {
            default_config = TelemetryConfig::default();
            &default_config
        }
    };
    let metrics_config = &config.metrics;
    if metrics_config.enabled
        && metrics_config.listen.is_none()
        && request.method() == Method::GET
        && request.uri().path() == metrics_config.path
    {
        return metrics_response(&app);
    }
    let propagate_trace = config.tracing.propagate_response_header;
    let access_log = config.logs.access;
    let max_operation_names = metrics_config.max_operation_names;
    drop(current);

    let request_id = RequestId::from_headers(request.headers());
    // Downstream (handlers, the subgraph transport) read the sanitized id from here.
    request
        .headers_mut()
        .insert(X_REQUEST_ID, request_id.header_value());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = ROUTES.contains(&path.as_str()).then_some(path.as_str());
    let span = tracing::info_span!(
        "http_request",
        otel.name = %match route {
            Some(route) => format!("{method} {route}"),
            None => method.to_string(),
        },
        otel.kind = "server",
        otel.status_code = Empty,
        http.request.method = %method,
        http.route = route,
        url.path = %path,
        http.response.status_code = Empty,
        request_id = %request_id,
        trace_id = Empty,
    );
    propagation::continue_trace(&span, request.headers());
    if let Some(trace_id) = propagation::trace_id(&span) {
        span.record("trace_id", tracing::field::display(trace_id));
    }

    let _in_flight = app.metrics.in_flight();
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let elapsed = started.elapsed();
    let status = response.status();
    span.record("http.response.status_code", status.as_u16());
    if status.is_server_error() {
        span.record("otel.status_code", "ERROR");
    }
    let outcome = match response.extensions_mut().remove::<GraphQLOutcome>() {
        Some(outcome) => Some(outcome),
        // Refused by a layer before the handler (CSRF prevention, for one).
        None if path == "/graphql" && (status.is_client_error() || status.is_server_error()) => {
            Some(GraphQLOutcome {
                operation_name: None,
                outcome: if status.is_server_error() {
                    Outcome::Failure
                } else {
                    Outcome::RequestError
                },
            })
        }
        None => None,
    };
    if let Some(outcome) = outcome {
        app.metrics.record_request(
            outcome.operation_name.as_deref(),
            outcome.outcome,
            elapsed,
            max_operation_names,
        );
    }
    if access_log {
        span.in_scope(|| {
            tracing::info!(
                status = status.as_u16(),
                duration_ms = elapsed.as_secs_f64() * 1000.0,
                "request completed"
            );
        });
    }
    let headers = response.headers_mut();
    headers.insert(X_REQUEST_ID, request_id.header_value());
    if propagate_trace {
        propagation::inject(&span, headers);
    }
    response
}

/// The current metrics in the Prometheus (OpenMetrics) text format.
pub fn metrics_response(app: &AppState) -> Response {
    if let Some(state) = app.current() {
        app.metrics.set_plan_cache_entries(state.plan_cache.len());
    }
    (
        StatusCode::OK,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static(metrics::CONTENT_TYPE),
        )],
        app.metrics.encode(),
    )
        .into_response()
}

/// The app of `telemetry.metrics.listen`: metrics only, at the configured path.
pub fn metrics_app(app: Arc<AppState>, path: &str) -> Router {
    Router::new()
        .route(
            path,
            get(|State(app): State<Arc<AppState>>| async move { metrics_response(&app) }),
        )
        .with_state(app)
}
