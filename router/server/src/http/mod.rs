//! The HTTP surface: `POST`/`GET /graphql`, the playground at `/`, `GET /health`, `GET /ready`,
//! and `GET /metrics` ([`telemetry`]).

pub mod cors;
mod csrf;
mod graphql;
mod media;
mod playground;
mod request;
pub mod telemetry;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use crate::state::AppState;

pub use media::ResponseMediaType;

/// The router's axum app around `state`.
pub fn app(state: Arc<AppState>) -> Router {
    let telemetry = state.clone();
    Router::new()
        .route("/", get(playground))
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .fallback(graphql::other_method),
        )
        .route("/health", get(health))
        .route("/ready", get(ready))
        .with_state(state.clone())
        // The limit comes from the current configuration, per request (see graphql::post).
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(state, cors::layer))
        // Request id, server span, request metrics, and `/metrics` (at its configured path).
        .layer(axum::middleware::from_fn_with_state(
            telemetry,
            telemetry::layer,
        ))
}

/// 200 while the process serves HTTP (liveness).
async fn health() -> impl IntoResponse {
    axum::Json(json!({ "status": "ok" }))
}

/// 200 once a supergraph is loaded, 503 before (readiness).
async fn ready(State(app): State<Arc<AppState>>) -> Response {
    match app.current() {
        Some(state) => axum::Json(json!({
            "status": "ready",
            "subgraphs": state.supergraph.subgraphs.iter().map(|s| &s.name).collect::<Vec<_>>(),
        }))
        .into_response(),
        None => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(json!({ "status": "starting", "reason": "no supergraph loaded yet" })),
        )
            .into_response(),
    }
}

async fn playground(State(app): State<Arc<AppState>>) -> Response {
    match app.current() {
        Some(state) => playground::response(&state),
        None => graphql::not_ready(ResponseMediaType::Json),
    }
}
