//! Stage 5: run the plan's fetches against the subgraphs.

use axum::http::HeaderMap;
use operation::PreparedOperation;
use planner::QueryPlan;
use serde_json::Value;

use super::{RequestError, codes};
use crate::state::RouterState;

/// What the executor produced: `data` (null when a non-null root field failed) and errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Executed {
    pub data: Option<serde_json::Map<String, Value>>,
    pub errors: Vec<Value>,
}

pub async fn execute(
    state: &RouterState,
    prepared: &PreparedOperation,
    plan: &QueryPlan,
    client_headers: &HeaderMap,
) -> Result<Executed, RequestError> {
    let _transport = state.http.for_request(client_headers);
    let _ = (prepared, plan);
    // Until the executor crate exposes `execute`, say so instead of guessing.
    Err(RequestError::internal(
        codes::EXECUTION_FAILED,
        "the executor is not available in this build",
    ))
}
