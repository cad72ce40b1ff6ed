//! Builds `_entities` representations from an object of the response tree and the fetch's
//! `requires` selection (`... on T { __typename key required }`).

use apollo_compiler::Schema;
use planner::Selection;
use serde_json::{Map, Value};

use crate::rewrites::type_matches;

/// The representation of `object`, or `None` when no type condition matches it or a key or
/// required field is missing (e.g. because the fetch that provides it failed).
pub(crate) fn build(
    schema: &Schema,
    object: &Map<String, Value>,
    requires: &[Selection],
) -> Option<Value> {
    let mut out = Map::new();
    if !select_into(schema, object, requires, &mut out)? || !out.contains_key("__typename") {
        return None;
    }
    Some(Value::Object(out))
}

/// Copies the selected fields of `object` into `out`. `Some(false)` when nothing was selected,
/// `None` when a selected field is missing.
fn select_into(
    schema: &Schema,
    object: &Map<String, Value>,
    selections: &[Selection],
    out: &mut Map<String, Value>,
) -> Option<bool> {
    let mut selected = false;
    for selection in selections {
        match selection {
            Selection::Field {
                name,
                alias,
                selections,
            } => {
                // An aliased field sits under its alias in the tree; the subgraph expects the
                // field's name in the representation.
                let value = object.get(alias.as_deref().unwrap_or(name))?;
                let value = match selections {
                    Some(sub) => select_value(schema, value, sub)?,
                    None => value.clone(),
                };
                out.insert(name.clone(), value);
                selected = true;
            }
            Selection::InlineFragment {
                type_condition,
                selections,
            } => {
                let applies = match type_condition {
                    None => true,
                    Some(condition) => object
                        .get("__typename")
                        .and_then(Value::as_str)
                        .is_some_and(|t| type_matches(schema, condition, t)),
                };
                if applies {
                    selected |= select_into(schema, object, selections, out)?;
                }
            }
        }
    }
    Some(selected)
}

fn select_value(schema: &Schema, value: &Value, selections: &[Selection]) -> Option<Value> {
    match value {
        Value::Object(object) => {
            let mut out = Map::new();
            select_into(schema, object, selections, &mut out)?;
            Some(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|item| select_value(schema, item, selections))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        other => Some(other.clone()),
    }
}
