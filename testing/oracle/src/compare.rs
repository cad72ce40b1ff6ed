//! Response equality as the oracle requires it: `data` equal value for value *and* in key
//! order (the response's field order is the query's, spec §7.2.2), and the same errors by
//! `path` and `extensions.code` (messages differ on purpose: the router masks subgraph
//! messages; the order of the `errors` list is not specified, so both lists are sorted).

use serde_json::Value;

/// How two responses differ, in words, with the JSON path of the first differing value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence(pub String);

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Ok` when `actual` (the router's) answers as `expected` (the monolith's) does.
pub fn compare(expected: &Value, actual: &Value) -> Result<(), Divergence> {
    let mut path = String::from("data");
    same_value(
        expected.get("data").unwrap_or(&Value::Null),
        actual.get("data").unwrap_or(&Value::Null),
        &mut path,
    )?;
    let expected_errors = error_keys(expected);
    let actual_errors = error_keys(actual);
    if expected_errors != actual_errors {
        return Err(Divergence(format!(
            "errors differ (path, code):\n  monolith: {expected_errors:?}\n  router:   {actual_errors:?}"
        )));
    }
    Ok(())
}

/// `(path, code)` of every error, sorted.
pub fn error_keys(response: &Value) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = response
        .get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .map(|error| {
                    let path = error
                        .get("path")
                        .map(Value::to_string)
                        .unwrap_or_else(|| "-".to_owned());
                    let code = error
                        .pointer("/extensions/code")
                        .and_then(Value::as_str)
                        .unwrap_or("-")
                        .to_owned();
                    (path, code)
                })
                .collect()
        })
        .unwrap_or_default();
    keys.sort();
    keys
}

fn same_value(expected: &Value, actual: &Value, path: &mut String) -> Result<(), Divergence> {
    match (expected, actual) {
        (Value::Object(left), Value::Object(right)) => {
            let left_keys: Vec<&String> = left.keys().collect();
            let right_keys: Vec<&String> = right.keys().collect();
            if left_keys != right_keys {
                return Err(Divergence(format!(
                    "{path}: keys differ (in order)\n  monolith: {left_keys:?}\n  router:   {right_keys:?}"
                )));
            }
            for (key, value) in left {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                same_value(value, &right[key], path)?;
                path.truncate(len);
            }
            Ok(())
        }
        (Value::Array(left), Value::Array(right)) => {
            if left.len() != right.len() {
                return Err(Divergence(format!(
                    "{path}: {} items from the monolith, {} from the router",
                    left.len(),
                    right.len()
                )));
            }
            for (index, (l, r)) in left.iter().zip(right).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                same_value(l, r, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        (Value::Number(left), Value::Number(right)) => {
            // Exact: integers as integers, floats bit for bit (what serialization must keep).
            let equal = match (left.as_i64(), right.as_i64()) {
                (Some(l), Some(r)) => l == r,
                _ => left.as_f64().map(f64::to_bits) == right.as_f64().map(f64::to_bits),
            };
            if equal {
                Ok(())
            } else {
                Err(Divergence(format!(
                    "{path}: monolith {left}, router {right}"
                )))
            }
        }
        _ if expected == actual => Ok(()),
        _ => Err(Divergence(format!(
            "{path}: monolith {expected}, router {actual}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_counts() {
        let a = json!({"data": {"a": 1, "b": 2}});
        let b = json!({"data": {"b": 2, "a": 1}});
        assert!(compare(&a, &b).is_err());
        assert!(compare(&a, &a).is_ok());
    }

    #[test]
    fn errors_compare_by_path_and_code_in_any_order() {
        let a = json!({"data": null, "errors": [
            {"message": "x", "path": ["a"], "extensions": {"code": "A"}},
            {"message": "y", "path": ["b"]}]});
        let b = json!({"data": null, "errors": [
            {"message": "masked", "path": ["b"]},
            {"message": "masked", "path": ["a"], "extensions": {"code": "A", "serviceName": "s"}}]});
        assert!(compare(&a, &b).is_ok());
        let c = json!({"data": null, "errors": [{"message": "x", "path": ["a"]}]});
        assert!(compare(&a, &c).is_err());
    }

    #[test]
    fn floats_compare_bit_for_bit() {
        let a = json!({"data": {"x": 3.6363636363636362}});
        let b = json!({"data": {"x": 3.636363636363636}});
        assert!(compare(&a, &b).is_err());
    }
}
