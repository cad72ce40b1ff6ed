//! The HTTP surface every subgraph shares: `POST /graphql`, `GET /health`, `GET /ready`.

use std::sync::Arc;

use async_graphql::{ObjectType, Schema, SubscriptionType};
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
    routing::{get, post},
};
use sea_orm::DatabaseConnection;
use serde_json::json;

use crate::auth::{CurrentUser, USER_ID_HEADER};

/// Adds per-request data (for example fresh dataloaders) to each GraphQL request.
pub type RequestHook = Arc<dyn Fn(async_graphql::Request) -> async_graphql::Request + Send + Sync>;

struct AppState<Q, M, S> {
    schema: Schema<Q, M, S>,
    db: DatabaseConnection,
    hook: RequestHook,
}

/// The service's axum router around its schema and database.
pub fn service_router<Q, M, S>(
    schema: Schema<Q, M, S>,
    db: DatabaseConnection,
    hook: RequestHook,
) -> Router
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let state = Arc::new(AppState { schema, db, hook });
    Router::new()
        .route("/graphql", post(graphql::<Q, M, S>))
        .route("/health", get(health))
        .route("/ready", get(ready::<Q, M, S>))
        .with_state(state)
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(crate::telemetry::request_span::<axum::body::Body>),
        )
}

async fn graphql<Q, M, S>(
    State(state): State<Arc<AppState<Q, M, S>>>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> GraphQLResponse
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let user = CurrentUser::from_header(
        headers
            .get(USER_ID_HEADER)
            .map(|v| v.to_str().unwrap_or("<not ascii>")),
    );
    let request = (state.hook)(request.into_inner().data(user));
    state.schema.execute(request).await.into()
}

/// The process is up.
async fn health() -> impl IntoResponse {
    Json(json!({ "status": "ok" }))
}

/// The database answers; 503 otherwise so orchestrators stop routing traffic here.
async fn ready<Q, M, S>(State(state): State<Arc<AppState<Q, M, S>>>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ready" }))),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "reason": "database unreachable" })),
            )
        }
    }
}
