//! Stage 6: the response body, with `extensions.queryPlan` when the client asked for it.

use executor::Response;
use planner::QueryPlan;
use serde_json::{Value, json};

use super::{RequestError, codes};

pub fn respond(mut response: Response, plan: Option<&QueryPlan>) -> Result<Value, RequestError> {
    if let Some(plan) = plan {
        response.extensions.insert(
            "queryPlan".into(),
            json!({
                "text": plan.to_string(),
                "object": serde_json::to_value(plan).unwrap_or(Value::Null),
            }),
        );
    }
    serde_json::to_value(&response)
        .map_err(|e| RequestError::internal(codes::EXECUTION_FAILED, e.to_string()))
}
