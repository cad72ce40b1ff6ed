//! Result coercion of leaf values (spec §3.5 and §3.9): what a subgraph sent must fit the API
//! schema's scalar or enum, else it is a field error.

use apollo_compiler::Schema;
use apollo_compiler::schema::ExtendedType;

use crate::value::{Str, Value};

/// The value as the client must see it, or what was wrong with it (for the error message).
/// The value is moved through, never copied: only conversions build a new one.
pub(crate) fn coerce(
    schema: &Schema,
    value: Value,
    type_name: &str,
) -> Result<Value, &'static str> {
    let got = describe(&value);
    let coerced = match (type_name, value) {
        ("Int", Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .filter(|i| i32::try_from(*i).is_ok())
            .map(Value::from),
        ("Float", v @ Value::Number(_))
        | ("String", v @ Value::String(_))
        | ("Boolean", v @ Value::Bool(_))
        | ("ID", v @ Value::String(_)) => Some(v),
        ("ID", Value::Number(n)) if n.is_i64() || n.is_u64() => {
            Some(Value::String(Str::from(n.to_string())))
        }
        ("Int" | "Float" | "String" | "Boolean" | "ID", _) => None,
        (other, v) => match schema.types.get(other) {
            Some(ExtendedType::Enum(e)) => match v {
                Value::String(s) if e.values.contains_key(s.as_str()) => Some(Value::String(s)),
                _ => None,
            },
            // Custom scalars carry any JSON.
            _ => Some(v),
        },
    };
    coerced.ok_or(got)
}

pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
