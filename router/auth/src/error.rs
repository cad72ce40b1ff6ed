//! Why a token is refused, and why an `authentication` or `authorization` setting cannot work.

/// Why a token was refused (never why a request is anonymous).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("the {header} header must be \"{prefix} <token>\"")]
    HeaderFormat { header: String, prefix: String },
    #[error("the token is not a well-formed JWT")]
    Malformed,
    #[error("the token's signature does not verify")]
    BadSignature,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
    #[error("the token's issuer is not accepted")]
    WrongIssuer,
    #[error("the token's audience is not accepted")]
    WrongAudience,
    #[error("the token has no {0} claim")]
    MissingClaim(String),
    #[error("no key with the token's kid {0:?}")]
    UnknownKid(String),
    #[error("no key verifies the token")]
    NoKey,
}

/// A setting of `authentication` or `authorization` that cannot work, found when a
/// configuration is loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthConfigError {
    #[error("invalid configuration: {key}: {message}")]
    InvalidSetting { key: String, message: String },
}
