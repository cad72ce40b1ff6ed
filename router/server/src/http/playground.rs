//! `GET /` (and a browser's `GET /graphql`): the playground page, unless it is disabled.

use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse, Response};

use crate::state::RouterState;

pub(crate) fn response(state: &RouterState) -> Response {
    if !state.config.playground.enabled {
        return (
            axum::http::StatusCode::NOT_FOUND,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            "the playground is disabled; POST GraphQL requests to /graphql\n",
        )
            .into_response();
    }
    Html(crate::playground::html(
        state.config.playground.assets_base(),
        "/graphql",
    ))
    .into_response()
}
