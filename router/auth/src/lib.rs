//! Who the client is: JWT verification ([`verify`]) against shared JWK Sets ([`jwks`]), and
//! what its claims grant ([`rights`]): scopes and `authorization.policies`.
//!
//! A request without a token is anonymous. A token that does not verify (malformed, bad
//! signature, expired, wrong issuer or audience, unknown key) is an [`AuthError`], which the
//! server answers with HTTP 401 and `extensions.code` `UNAUTHENTICATED` (Apollo Router says
//! `AUTH_ERROR` for the same case; `UNAUTHENTICATED` is the code GraphQL servers and clients
//! conventionally look for).

mod error;
pub mod jwks;
pub mod rights;
pub mod verify;

use std::sync::Arc;

use http::HeaderMap;

use router_config::{AuthenticationConfig, JwksSource};

pub use error::{AuthConfigError, AuthError};
pub use jwks::JwksCache;
pub use rights::Rights;
pub use verify::Claims;

/// The claims of the request's token, if JWT authentication is configured and a token came.
pub async fn authenticate(
    cache: &JwksCache,
    config: &AuthenticationConfig,
    headers: &HeaderMap,
) -> Result<Option<Arc<Claims>>, AuthError> {
    let Some(jwt) = &config.jwt else {
        return Ok(None);
    };
    match verify::authenticate(cache, jwt, headers).await {
        Ok(claims) => Ok(claims.map(Arc::new)),
        Err(error) => {
            tracing::info!(%error, "token refused");
            Err(error)
        }
    }
}

/// Checks `authentication` when a configuration is loaded: every JWK Set source names one
/// `url` or `file`, known algorithms, and a `file` that holds a usable JWK Set (read now, so a
/// wrong path stops startup or the reload).
pub fn check_config(config: &AuthenticationConfig) -> Result<(), AuthConfigError> {
    let Some(jwt) = &config.jwt else {
        return Ok(());
    };
    let invalid = |key: String, message: String| AuthConfigError::InvalidSetting { key, message };
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
