//! A subgraph's HTTP answer → [`SubgraphResponse`], or the [`FetchError`] that says why not.

use executor::Value;
use executor::transport::{FetchError, SubgraphResponse};

pub fn decode(
    service: &str,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<SubgraphResponse, FetchError> {
    let invalid = |reason: String| FetchError::InvalidResponse {
        service: service.to_owned(),
        reason,
    };
    // sonic-rs finds string ends and structure with SIMD: parsing subgraph answers is a fifth
    // of the router's work per request with serde_json.
    let parsed: Result<Value, sonic_rs::Error> = sonic_rs::from_slice(body);
    let is_graphql_response =
        content_type.is_some_and(|t| t.starts_with("application/graphql-response+json"));
    if !(200..300).contains(&status) {
        // GraphQL over HTTP: with application/graphql-response+json a 4xx/5xx may still carry a
        // well-formed GraphQL response (a request error); keep its errors.
        if is_graphql_response
            && let Ok(value) = parsed
            && let Ok(response) = shape(value)
            && !response.errors.is_empty()
        {
            return Ok(response);
        }
        return Err(FetchError::HttpStatus {
            service: service.to_owned(),
            status,
        });
    }
    let value = match parsed {
        Ok(value) => value,
        // The only error `Value` raises itself (every JSON value fits it otherwise).
        Err(error) if error.classify() == sonic_rs::error::Category::TypeUnmatched => {
            return Err(invalid(format!(
                "lists and objects nest deeper than {} levels",
                executor::value::MAX_DEPTH
            )));
        }
        Err(_) => {
            let preview: String = String::from_utf8_lossy(body).chars().take(80).collect();
            return Err(invalid(format!("the body is not JSON: {preview:?}")));
        }
    };
    shape(value).map_err(invalid)
}

/// Checks the GraphQL response shape: an object with `data` (object or null) and/or `errors`
/// (a list of objects with a `message`).
fn shape(value: Value) -> Result<SubgraphResponse, String> {
    let Value::Object(mut object) = value else {
        return Err("the body is not a JSON object".to_owned());
    };
    let data = match object.remove("data") {
        None | Some(Value::Null) => None,
        Some(data @ Value::Object(_)) => Some(data),
        Some(_) => return Err("`data` is not an object".to_owned()),
    };
    let errors = match object.remove("errors") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(errors)) => {
            if errors
                .iter()
                .any(|e| e.get("message").and_then(Value::as_str).is_none())
            {
                return Err("an error in `errors` has no `message`".to_owned());
            }
            errors.into_iter().map(serde_json::Value::from).collect()
        }
        Some(_) => return Err("`errors` is not a list".to_owned()),
    };
    if data.is_none() && errors.is_empty() {
        return Err("the response has neither `data` nor `errors`".to_owned());
    }
    Ok(SubgraphResponse {
        data,
        errors,
        extensions: object.remove("extensions").map(serde_json::Value::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: Result<SubgraphResponse, FetchError>) -> &'static str {
        result.expect_err("should fail").code()
    }

    #[test]
    fn accepts_data_and_errors() {
        let ok = decode(
            "s",
            200,
            None,
            br#"{"data":{"a":1},"errors":[{"message":"x"}]}"#,
        )
        .expect("valid response");
        assert_eq!(ok.data, Some(executor::value!({"a": 1})));
        assert_eq!(ok.errors.len(), 1);
    }

    #[test]
    fn classifies_bad_answers() {
        assert_eq!(
            code(decode("s", 500, None, b"oops")),
            "SUBGRAPH_REQUEST_FAILED"
        );
        assert_eq!(
            code(decode("s", 200, None, b"<html>")),
            "SUBGRAPH_INVALID_RESPONSE"
        );
        assert_eq!(
            code(decode("s", 200, None, b"[1]")),
            "SUBGRAPH_INVALID_RESPONSE"
        );
        assert_eq!(
            code(decode("s", 200, None, br#"{"data":3}"#)),
            "SUBGRAPH_INVALID_RESPONSE"
        );
        assert_eq!(
            code(decode("s", 200, None, b"{}")),
            "SUBGRAPH_INVALID_RESPONSE"
        );
    }

    /// Deeper, parsing (and everything after it that recurses per level) would overflow the
    /// stack and abort the process.
    #[test]
    fn refuses_values_nested_deeper_than_the_limit() {
        let nested = |depth: usize| {
            let mut body = br#"{"data":{"a":"#.to_vec();
            body.extend(std::iter::repeat_n(b'[', depth));
            body.extend(std::iter::repeat_n(b']', depth));
            body.extend_from_slice(b"}}");
            body
        };
        // `data` and its object are two levels.
        let limit = executor::value::MAX_DEPTH as usize;
        decode("s", 200, None, &nested(limit - 2)).expect("at the limit");
        let error = decode("s", 200, None, &nested(limit - 1)).expect_err("past the limit");
        assert_eq!(
            error.to_string(),
            "subgraph 's' sent an invalid response: lists and objects nest deeper than 128 levels"
        );
        let error = decode("s", 200, None, &nested(1_000_000)).expect_err("far past the limit");
        assert_eq!(error.code(), "SUBGRAPH_INVALID_RESPONSE");
    }

    #[test]
    fn keeps_request_errors_of_graphql_response_json() {
        let response = decode(
            "s",
            400,
            Some("application/graphql-response+json"),
            br#"{"errors":[{"message":"bad"}]}"#,
        )
        .expect("a GraphQL request error is a response");
        assert_eq!(response.errors.len(), 1);
    }
}
