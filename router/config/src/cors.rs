//! `cors:` which browser origins may call the router cross-origin, and what they may send and
//! read. With no `cors` section no cross-origin page gets access; pages served by the router
//! itself (the playground) are same-origin and need none.
//!
//! ```yaml
//! cors:
//!   origins: [https://shop.example.com, "https://*.preview.example.com"]
//!   match_origins: ["^http://localhost:[0-9]+$"]
//!   allow_credentials: true
//! ```

use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::ConfigDuration;

/// Request headers a cross-origin page may send unless `allow_headers` says otherwise.
pub const DEFAULT_CORS_ALLOW_HEADERS: &[&str] = &[
    "content-type",
    "authorization",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "traceparent",
    "tracestate",
];

/// Methods a cross-origin page may use unless `allow_methods` says otherwise.
pub const DEFAULT_CORS_ALLOW_METHODS: &[&str] = &["GET", "POST", "OPTIONS"];

/// How long browsers may reuse a preflight answer unless `max_age` says otherwise.
pub const DEFAULT_CORS_MAX_AGE: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CorsConfig {
    /// Origins allowed cross-origin access: exact values (`https://shop.example.com`, scheme
    /// and host, a port when not the default, no path), or patterns where `*` stands for one or
    /// more letters, digits, dots or dashes (`https://*.example.com`, `http://localhost:*`).
    /// `"*"` alone allows every origin (not together with `allow_credentials`).
    /// Default: none.
    pub origins: Vec<String>,
    /// Regular expressions an origin must match in full to be allowed
    /// (`^https://pr-[0-9]+\.preview\.example\.com$`). Default: none.
    pub match_origins: Vec<String>,
    /// Let allowed origins send cookies and HTTP authentication with their requests and read
    /// the answers (`Access-Control-Allow-Credentials: true`). Default: false.
    pub allow_credentials: bool,
    /// Methods allowed origins may use. Default: GET, POST, OPTIONS.
    pub allow_methods: Vec<String>,
    /// Request headers allowed origins may send. Default: content-type, authorization,
    /// apollo-require-preflight, x-apollo-operation-name, traceparent, tracestate. Add the
    /// headers your clients send that are propagated to subgraphs (for example `x-user-id`).
    pub allow_headers: Vec<String>,
    /// Response headers scripts of allowed origins may read besides the CORS-safelisted ones.
    /// Default: none.
    pub expose_headers: Vec<String>,
    /// How long browsers may reuse a preflight answer (`Access-Control-Max-Age`; browsers cap
    /// it, Chromium at 2h). Default: 10m.
    pub max_age: ConfigDuration,
}

impl Default for CorsConfig {
    fn default() -> Self {
        Self {
            origins: Vec::new(),
            match_origins: Vec::new(),
            allow_credentials: false,
            allow_methods: owned(DEFAULT_CORS_ALLOW_METHODS),
            allow_headers: owned(DEFAULT_CORS_ALLOW_HEADERS),
            expose_headers: Vec::new(),
            max_age: ConfigDuration(DEFAULT_CORS_MAX_AGE),
        }
    }
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}
