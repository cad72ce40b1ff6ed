//! Stage 6: one response body in the client's field order, from the introspection answer and
//! the executor's data, plus `extensions.queryPlan` when asked for.

use operation::{IntrospectionResponse, NormalizedOperation, Selection};
use planner::QueryPlan;
use serde_json::{Map, Value, json};

use super::execute::Executed;

/// `plan`: `None` when the plan was not asked for; `Some(None)` when asked for but nothing
/// needed a subgraph.
pub fn respond(
    operation: &NormalizedOperation,
    introspection: Option<IntrospectionResponse>,
    executed: Option<Executed>,
    plan: Option<Option<&QueryPlan>>,
) -> Value {
    let mut errors = Vec::new();
    let mut meta = Map::new();
    if let Some(introspection) = introspection {
        meta = introspection.data;
        errors.extend(introspection.errors);
    }
    let mut fetched = Some(Map::new());
    if let Some(executed) = executed {
        fetched = executed.data;
        errors.extend(executed.errors);
    }
    let data = match fetched {
        // A non-null root field failed: the whole `data` is null (spec §6.4.4).
        None => Value::Null,
        Some(mut fetched) => {
            let mut data = Map::new();
            for selection in &operation.selection_set.selections {
                if let Selection::Field(field) = selection {
                    let key = field.response_key().as_str();
                    if data.contains_key(key) {
                        continue;
                    }
                    if let Some(value) = meta.remove(key).or_else(|| fetched.remove(key)) {
                        data.insert(key.to_owned(), value);
                    }
                }
            }
            Value::Object(data)
        }
    };
    let mut body = Map::new();
    if !errors.is_empty() {
        body.insert("errors".into(), Value::Array(errors));
    }
    body.insert("data".into(), data);
    if let Some(plan) = plan {
        let empty = QueryPlan { node: None };
        let plan = plan.unwrap_or(&empty);
        body.insert(
            "extensions".into(),
            json!({ "queryPlan": {
                "text": plan.to_string(),
                "object": serde_json::to_value(plan).unwrap_or(Value::Null),
            }}),
        );
    }
    Value::Object(body)
}
