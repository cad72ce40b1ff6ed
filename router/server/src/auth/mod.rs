//! Who the client is: JWT verification ([`verify`]) against shared JWK Sets ([`jwks`]), and
//! what its claims grant ([`rights`]): scopes and `authorization.policies`.
//!
//! A request without a token is anonymous. A token that does not verify (malformed, bad
//! signature, expired, wrong issuer or audience, unknown key) refuses the request with HTTP 401
//! and `extensions.code` `UNAUTHENTICATED` (Apollo Router says `AUTH_ERROR` for the same case;
//! `UNAUTHENTICATED` is the code GraphQL servers and clients conventionally look for).

pub mod jwks;
pub mod rights;
pub mod verify;

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use crate::config::{AuthenticationConfig, JwksSource};
use crate::pipeline::{RequestError, codes};

pub use jwks::JwksCache;
pub use rights::Rights;

/// A verified token's payload.
pub type Claims = Map<String, Value>;

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

impl AuthError {
    pub fn to_request_error(&self) -> RequestError {
        // An HTTP-level refusal: 401 whatever the response media type.
        RequestError::malformed(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHENTICATED,
            format!("invalid token: {self}"),
        )
    }
}

/// The claims of the request's token, if JWT authentication is configured and a token came.
pub async fn authenticate(
    cache: &JwksCache,
    config: &AuthenticationConfig,
    headers: &HeaderMap,
) -> Result<Option<Arc<Claims>>, RequestError> {
    let Some(jwt) = &config.jwt else {
        return Ok(None);
    };
    match verify::authenticate(cache, jwt, headers).await {
        Ok(claims) => Ok(claims.map(Arc::new)),
        Err(error) => {
            tracing::info!(%error, "token refused");
            Err(error.to_request_error())
        }
    }
}

/// Checks `authentication` when a configuration is loaded: every JWK Set source names one
/// `url` or `file`, known algorithms, and a `file` that holds a usable JWK Set (read now, so a
/// wrong path stops startup or the reload).
pub fn check_config(config: &AuthenticationConfig) -> Result<(), crate::ServerError> {
    let Some(jwt) = &config.jwt else {
        return Ok(());
    };
    let invalid =
        |key: String, message: String| crate::ServerError::InvalidSetting { key, message };
    if jwt.jwks.is_empty() {
        return Err(invalid(
            "authentication.jwt.jwks".into(),
            "give at least one JWK Set (url or file)".into(),
        ));
    }
    for (index, source) in jwt.jwks.iter().enumerate() {
        let key = |field: &str| format!("authentication.jwt.jwks[{index}]{field}");
        check_source(source).map_err(|(field, message)| invalid(key(field), message))?;
    }
    Ok(())
}

fn check_source(source: &JwksSource) -> Result<(), (&'static str, String)> {
    for algorithm in &source.algorithms {
        if algorithm.parse::<jsonwebtoken::Algorithm>().is_err() {
            return Err((
                ".algorithms",
                format!("unknown algorithm {algorithm:?} (RS256, ES256, HS256, PS256, EdDSA, ...)"),
            ));
        }
    }
    match (&source.url, &source.file) {
        (Some(url), None) => {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err((".url", format!("{url:?} is not an http(s) URL")));
            }
            Ok(())
        }
        (None, Some(file)) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| (".file", format!("cannot read {file}: {e}")))?;
            jwks::parse_jwks(&text).map_err(|e| (".file", format!("{file}: {e}")))?;
            Ok(())
        }
        _ => Err(("", "give exactly one of `url` or `file`".into())),
    }
}
