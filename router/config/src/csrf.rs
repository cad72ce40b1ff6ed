//! `csrf:` cross-site request forgery prevention.
//!
//! A browser sends some cross-origin requests without asking first (a CORS preflight): GET, and
//! POST with a `text/plain`, form or multipart body. Such a request carries the victim's cookies
//! and runs even though the page may not read the answer. The router therefore only runs GraphQL
//! requests that a browser would have preflighted: a `Content-Type` other than those three, or
//! one of `required_headers`. Non-browser clients just send `Content-Type: application/json`
//! (POST) or `apollo-require-preflight: true` (GET).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Headers that mark a request as preflighted unless `required_headers` says otherwise.
pub const DEFAULT_CSRF_REQUIRED_HEADERS: &[&str] =
    &["x-apollo-operation-name", "apollo-require-preflight"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CsrfConfig {
    /// Refuse GraphQL requests a browser could send cross-site without a preflight (400
    /// `CSRF_PREVENTION`). Turn it off only when no browser can reach the router with ambient
    /// credentials (cookies, client certificates, network position). Default: true.
    pub enabled: bool,
    /// Any one of these request headers (with any value) marks a request as preflighted, for
    /// GET requests and bodies without a JSON content type. Default: x-apollo-operation-name,
    /// apollo-require-preflight.
    pub required_headers: Vec<String>,
}

impl Default for CsrfConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            required_headers: DEFAULT_CSRF_REQUIRED_HEADERS
                .iter()
                .map(|h| (*h).to_owned())
                .collect(),
        }
    }
}
