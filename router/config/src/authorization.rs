//! `authorization:` what the client may see. The supergraph's `@authenticated`,
//! `@requiresScopes` and `@policy` are always enforced: fields the request may not read are
//! removed before planning and answered `null` with an `UNAUTHORIZED_FIELD_OR_TYPE` error.
//!
//! ```yaml
//! authorization:
//!   require_authentication: false
//!   reject_unauthorized: false
//!   policies:
//!     staff: { claim: groups, contains: staff }
//!     admin: { claim: role, equals: admin }
//!     verified: { claim: email_verified, equals: true }
//!     tenant_member: { claim: tenant, exists: true }
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AuthorizationConfig {
    /// Refuse requests without a verified token (401 `UNAUTHENTICATED`). Default: false.
    pub require_authentication: bool,
    /// Refuse the whole request (403 `UNAUTHORIZED_FIELD_OR_TYPE`, no subgraph called) when
    /// it asks for anything it may not read, instead of answering the rest. Default: false.
    pub reject_unauthorized: bool,
    /// The claim holding the token's scopes: a space-separated string or an array of strings.
    /// Default: `scope`.
    pub scope_claim: String,
    /// The rule for each `@policy` name. A policy the supergraph uses but this map does not
    /// define is never satisfied. Default: none.
    pub policies: BTreeMap<String, PolicyRule>,
}

impl Default for AuthorizationConfig {
    fn default() -> Self {
        Self {
            require_authentication: false,
            reject_unauthorized: false,
            scope_claim: "scope".into(),
            policies: BTreeMap::new(),
        }
    }
}

/// A test on one claim of a verified token (anonymous requests satisfy no policy). Give
/// exactly one of `equals`, `contains`, `exists`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyRule {
    /// The claim; dots go into nested objects (`realm_access.roles`). Required.
    pub claim: String,
    /// The claim equals this value (string, number or boolean).
    pub equals: Option<serde_json::Value>,
    /// The claim is an array holding this value, or a space-separated string with this word.
    pub contains: Option<serde_json::Value>,
    /// The claim is present (`true`) or absent (`false`).
    pub exists: Option<bool>,
}
