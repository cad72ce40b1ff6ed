//! CORS: answers preflights and adds `Access-Control-*` headers for allowed origins, from the
//! current [`crate::RouterState`]'s policy ([`CorsPolicy`], compiled by `router-config`) on
//! every request, so a reloaded `cors:` section applies to the next request (tower-http's
//! `CorsLayer` is fixed when the app is built).
//!
//! The router never refuses a request because of its origin: CORS only tells browsers which
//! pages may read answers. Forged requests are [`super::csrf`]'s business.

use std::sync::{Arc, LazyLock};

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use router_config::{CorsConfig, CorsPolicy};

use crate::state::AppState;

/// What a request with no supergraph loaded yet gets: no cross-origin access.
static CLOSED: LazyLock<CorsPolicy> = LazyLock::new(|| {
    CorsPolicy::new(&CorsConfig::default()).expect("the default CORS configuration is valid")
});

/// The answer to a preflight: 204, with the allow headers only for an allowed origin.
fn preflight(policy: &CorsPolicy, origin: &HeaderValue) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    vary(
        headers,
        "origin, access-control-request-method, access-control-request-headers",
    );
    if let Some(allowed) = policy.allow_origin(origin) {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        if policy.credentials {
            headers.insert(
                ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
        }
        if let Some(methods) = &policy.methods {
            headers.insert(ACCESS_CONTROL_ALLOW_METHODS, methods.clone());
        }
        if let Some(allow) = &policy.headers {
            headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, allow.clone());
        }
        headers.insert(ACCESS_CONTROL_MAX_AGE, policy.max_age.clone());
    }
    response
}

/// Adds the headers of an actual (not preflight) cross-origin answer.
fn decorate(policy: &CorsPolicy, origin: Option<&HeaderValue>, headers: &mut HeaderMap) {
    vary(headers, "origin");
    let Some(allowed) = origin.and_then(|o| policy.allow_origin(o)) else {
        return;
    };
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
    if policy.credentials {
        headers.insert(
            ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    if let Some(expose) = &policy.expose {
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
    }
}

/// The middleware: preflights are answered here; other requests get the headers on the way out.
pub async fn layer(State(app): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let state = app.current();
    let policy = state.as_deref().map_or(&*CLOSED, |s| &s.cors);
    let origin = request.headers().get(ORIGIN).cloned();
    if let Some(origin) = &origin
        && request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(ACCESS_CONTROL_REQUEST_METHOD)
    {
        return preflight(policy, origin);
    }
    let mut response = next.run(request).await;
    decorate(policy, origin.as_ref(), response.headers_mut());
    response
}

fn vary(headers: &mut HeaderMap, value: &'static str) {
    headers.append(VARY, HeaderValue::from_static(value));
}
