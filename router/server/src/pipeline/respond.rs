//! Stage 6: the response, with `extensions.queryPlan` when the client asked for it. It stays
//! the executor's [`Response`] (serialized once, straight to bytes, by the HTTP layer): no
//! second JSON tree is built.

use executor::Response;
use planner::QueryPlan;
use serde_json::{Value, json};

pub fn respond(mut response: Response, plan: Option<&QueryPlan>) -> Response {
    if let Some(plan) = plan {
        response.extensions.insert(
            "queryPlan".into(),
            json!({
                "text": plan.to_string(),
                "object": serde_json::to_value(plan).unwrap_or(Value::Null),
            }),
        );
    }
    response
}
