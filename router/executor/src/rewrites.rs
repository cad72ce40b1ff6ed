//! Applies the plan's input rewrites (to representations) and output rewrites (to answers).

use apollo_compiler::Schema;
use planner::Rewrite;

use crate::tree;
use crate::value::Value;

/// Whether an object whose `__typename` is `typename` matches `... on condition`.
pub(crate) fn type_matches(schema: &Schema, condition: &str, typename: &str) -> bool {
    condition == typename || schema.is_subtype(condition, typename)
}

pub(crate) fn apply_all(schema: &Schema, value: &mut Value, rewrites: &[Rewrite]) {
    for rewrite in rewrites {
        let path = match rewrite {
            Rewrite::KeyRenamer { path, .. } | Rewrite::ValueSetter { path, .. } => path,
        };
        apply(schema, value, path, rewrite);
    }
}

/// Walks `path` (keys, `... on T` conditions, through lists) and applies `rewrite` at its end.
fn apply(schema: &Schema, value: &mut Value, path: &[String], rewrite: &Rewrite) {
    if let Value::Array(items) = value {
        for item in items {
            apply(schema, item, path, rewrite);
        }
        return;
    }
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let Value::Object(object) = value else {
        return;
    };
    if let Some(condition) = first.strip_prefix("... on ") {
        let matches = object
            .get("__typename")
            .and_then(Value::as_str)
            .is_some_and(|t| type_matches(schema, condition, t));
        if matches {
            apply(schema, value, rest, rewrite);
        }
        return;
    }
    if !rest.is_empty() {
        if let Some(inner) = object.get_mut(first.as_str()) {
            apply(schema, inner, rest, rewrite);
        }
        return;
    }
    match rewrite {
        Rewrite::KeyRenamer { rename_key_to, .. } => {
            if let Some(v) = object.remove(first.as_str()) {
                match object.get_mut(rename_key_to.as_str()) {
                    Some(existing) => tree::deep_merge(existing, v),
                    None => {
                        object.insert(rename_key_to.as_str(), v);
                    }
                }
            }
        }
        Rewrite::ValueSetter { set_value_to, .. } => {
            object.insert(first.as_str(), Value::from(set_value_to));
        }
    }
}
