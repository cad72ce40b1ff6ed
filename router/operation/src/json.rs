//! Conversions between `serde_json` (what the router speaks) and `serde_json_bytes` (what
//! apollo-compiler speaks). Written by hand because both sides are infallible.

use apollo_compiler::response::{JsonMap, JsonValue};

pub(crate) fn to_compiler_map(map: &serde_json::Map<String, serde_json::Value>) -> JsonMap {
    map.iter()
        .map(|(k, v)| (k.as_str().into(), to_compiler(v)))
        .collect()
}

pub(crate) fn to_compiler(value: &serde_json::Value) -> JsonValue {
    match value {
        serde_json::Value::Null => JsonValue::Null,
        serde_json::Value::Bool(b) => JsonValue::Bool(*b),
        serde_json::Value::Number(n) => JsonValue::Number(n.clone()),
        serde_json::Value::String(s) => JsonValue::String(s.as_str().into()),
        serde_json::Value::Array(items) => {
            JsonValue::Array(items.iter().map(to_compiler).collect())
        }
        serde_json::Value::Object(map) => JsonValue::Object(to_compiler_map(map)),
    }
}

pub(crate) fn from_compiler_map(map: &JsonMap) -> serde_json::Map<String, serde_json::Value> {
    map.iter()
        .map(|(k, v)| (k.as_str().to_owned(), from_compiler(v)))
        .collect()
}

pub(crate) fn from_compiler(value: &JsonValue) -> serde_json::Value {
    match value {
        JsonValue::Null => serde_json::Value::Null,
        JsonValue::Bool(b) => serde_json::Value::Bool(*b),
        JsonValue::Number(n) => serde_json::Value::Number(n.clone()),
        JsonValue::String(s) => serde_json::Value::String(s.as_str().to_owned()),
        JsonValue::Array(items) => {
            serde_json::Value::Array(items.iter().map(from_compiler).collect())
        }
        JsonValue::Object(map) => serde_json::Value::Object(from_compiler_map(map)),
    }
}
