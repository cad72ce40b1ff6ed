//! `authentication:` who the client is. With `jwt` set, a request may carry a JSON Web Token
//! (by default `Authorization: Bearer <token>`), verified against keys from JWK Sets; its
//! claims are then available to authorization (`@authenticated`, `@requiresScopes`, `@policy`)
//! and to header rules (`insert: { name: x-user-id, from_claim: sub }`). A request without a
//! token is anonymous; one with a token that does not verify is refused with 401.
//!
//! ```yaml
//! authentication:
//!   jwt:
//!     jwks:
//!       - url: https://idp.example.com/.well-known/jwks.json
//!         issuer: https://idp.example.com/
//!         audiences: [shop-api]
//!       - file: /etc/router/jwks.json
//!         algorithms: [HS256]
//!     leeway: 60s
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::ConfigDuration;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AuthenticationConfig {
    /// JWT authentication. Default: none (tokens are not looked at; every request is
    /// anonymous).
    pub jwt: Option<JwtConfig>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct JwtConfig {
    /// Where the verification keys come from, tried in order. At least one.
    pub jwks: Vec<JwksSource>,
    /// The request header carrying the token. Default: `authorization`.
    pub header_name: String,
    /// What precedes the token in that header (compared case-insensitively, followed by a
    /// space); empty for a bare token. Default: `Bearer`.
    pub header_value_prefix: String,
    /// Clock skew tolerated on `exp` and `nbf`. Default: 60s.
    pub leeway: ConfigDuration,
    /// A token whose `kid` no loaded key has makes the router re-read its JWK Sets (key
    /// rotation), at most once per this interval. Default: 10s.
    pub unknown_kid_refetch_interval: ConfigDuration,
}

impl Default for JwtConfig {
    fn default() -> Self {
        Self {
            jwks: Vec::new(),
            header_name: "authorization".into(),
            header_value_prefix: "Bearer".into(),
            leeway: ConfigDuration::from_secs(60),
            unknown_kid_refetch_interval: ConfigDuration::from_secs(10),
        }
    }
}

/// One JWK Set: `url` or `file`, and what its tokens must say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct JwksSource {
    /// An HTTP(S) URL serving a JWK Set (`{"keys": [...]}`). Default: none (give `url` or
    /// `file`).
    pub url: Option<String>,
    /// A JWK Set file, relative to the working directory. Default: none.
    pub file: Option<String>,
    /// How often the set is read again. Default: 60s.
    pub poll_interval: ConfigDuration,
    /// The `iss` tokens verified by these keys must have. Default: not checked.
    pub issuer: Option<String>,
    /// Accepted `aud` values: the token's audience must contain one. Default: not checked.
    pub audiences: Vec<String>,
    /// Signature algorithms accepted from these keys (`RS256`, `ES256`, `HS256`, `PS256`,
    /// `RS384`, `ES384`, `HS384`, ...). Default: any the key type allows.
    pub algorithms: Vec<String>,
}

impl Default for JwksSource {
    fn default() -> Self {
        Self {
            url: None,
            file: None,
            poll_interval: ConfigDuration::from_secs(60),
            issuer: None,
            audiences: Vec::new(),
            algorithms: Vec::new(),
        }
    }
}
