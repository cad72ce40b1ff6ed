//! The HTTP surface: `POST`/`GET /graphql`, the playground at `/`, `GET /health`.

mod graphql;
mod media;
mod request;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use crate::state::RouterState;

pub use media::ResponseMediaType;

/// The router's axum app around `state`.
pub fn app(state: Arc<RouterState>) -> Router {
    let body_limit = state.config.max_body_bytes;
    Router::new()
        .route("/", get(playground))
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .fallback(graphql::other_method),
        )
        .route("/health", get(health))
        .with_state(state)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(
            tower_http::trace::TraceLayer::new_for_http().make_span_with(
                |request: &axum::http::Request<_>| {
                    tracing::info_span!(
                        "http_request",
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                },
            ),
        )
}

/// 200 once the supergraph is loaded, which is whenever this app exists.
async fn health(State(state): State<Arc<RouterState>>) -> impl IntoResponse {
    axum::Json(json!({
        "status": "ok",
        "subgraphs": state.supergraph.subgraphs.iter().map(|s| &s.name).collect::<Vec<_>>(),
    }))
}

async fn playground(State(state): State<Arc<RouterState>>) -> Response {
    playground_response(&state)
}

pub(crate) fn playground_response(state: &RouterState) -> Response {
    if !state.config.playground {
        return (
            axum::http::StatusCode::NOT_FOUND,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            "the playground is disabled; POST GraphQL requests to /graphql\n",
        )
            .into_response();
    }
    Html(crate::playground::html(
        &state.config.playground_assets_url,
        "/graphql",
    ))
    .into_response()
}
