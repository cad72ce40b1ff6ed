//! CSRF prevention: a GraphQL request runs only when a browser would have preflighted it (see
//! [`router_config::CsrfConfig`]), so a page on another origin cannot make a victim's browser
//! run operations with the victim's cookies.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};

use crate::pipeline::{RequestError, codes};
use router_config::CsrfConfig;

/// The media types a browser sends cross-origin without a preflight.
const SIMPLE_CONTENT_TYPES: &[&str] = &[
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
];

/// `Ok` when CSRF prevention is off or the request could not come from a simple cross-origin
/// request; else 400 `CSRF_PREVENTION` saying what to send.
pub fn check(config: &CsrfConfig, headers: &HeaderMap) -> Result<(), RequestError> {
    if !config.enabled || preflighted(config, headers) {
        return Ok(());
    }
    let mut message = String::from(
        "this request has been blocked as a potential cross-site request forgery: send a \
         Content-Type other than text/plain, application/x-www-form-urlencoded or \
         multipart/form-data (application/json for POST)",
    );
    if !config.required_headers.is_empty() {
        message.push_str(", or one of the headers ");
        message.push_str(&config.required_headers.join(", "));
        message.push_str(" (e.g. apollo-require-preflight: true for GET)");
    }
    Err(RequestError::malformed(
        StatusCode::BAD_REQUEST,
        codes::CSRF_PREVENTION,
        message,
    ))
}

fn preflighted(config: &CsrfConfig, headers: &HeaderMap) -> bool {
    let non_simple_type = headers.get_all(CONTENT_TYPE).iter().any(|value| {
        // A value browsers cannot parse is not CORS-safelisted either: they would preflight it.
        let Ok(text) = value.to_str() else {
            return true;
        };
        let essence = text.split(';').next().unwrap_or_default().trim();
        !SIMPLE_CONTENT_TYPES
            .iter()
            .any(|simple| essence.eq_ignore_ascii_case(simple))
    });
    non_simple_type
        || config
            .required_headers
            .iter()
            .any(|name| headers.contains_key(name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn simple_requests_are_blocked() {
        let config = CsrfConfig::default();
        for request in [
            headers(&[]),
            headers(&[("content-type", "text/plain")]),
            headers(&[("content-type", "Text/Plain; charset=utf-8")]),
            headers(&[("content-type", "application/x-www-form-urlencoded")]),
            headers(&[("content-type", "multipart/form-data; boundary=x")]),
        ] {
            let error = check(&config, &request).expect_err("simple request");
            assert_eq!(error.status, StatusCode::BAD_REQUEST);
            assert_eq!(error.errors[0]["extensions"]["code"], "CSRF_PREVENTION");
        }
    }

    #[test]
    fn preflighted_requests_pass() {
        let config = CsrfConfig::default();
        for request in [
            headers(&[("content-type", "application/json")]),
            headers(&[("content-type", "application/graphql-response+json")]),
            headers(&[("apollo-require-preflight", "true")]),
            headers(&[("x-apollo-operation-name", "")]),
            headers(&[
                ("content-type", "text/plain"),
                ("apollo-require-preflight", "1"),
            ]),
        ] {
            assert!(check(&config, &request).is_ok(), "{request:?}");
        }
    }

    #[test]
    fn can_be_disabled_or_use_other_headers() {
        let off = CsrfConfig {
            enabled: false,
            ..CsrfConfig::default()
        };
        assert!(check(&off, &headers(&[])).is_ok());
        let custom = CsrfConfig {
            required_headers: vec!["x-requested-with".into()],
            ..CsrfConfig::default()
        };
        assert!(check(&custom, &headers(&[("x-requested-with", "fetch")])).is_ok());
        assert!(check(&custom, &headers(&[("apollo-require-preflight", "true")])).is_err());
    }
}
