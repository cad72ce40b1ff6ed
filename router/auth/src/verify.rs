//! Verifies the request's JWT: from the configured header, against the keys of the configured
//! JWK Sets (in order), checking signature, `exp`/`nbf` (with leeway), `iss` and `aud`.

use std::time::Duration;

use http::HeaderMap;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use router_config::JwtConfig;
use serde_json::{Map, Value};

use crate::error::AuthError;
use crate::jwks::JwksCache;

/// A verified token's payload.
pub type Claims = Map<String, Value>;

/// The token's claims, `None` without a token; an error for a token that does not verify.
pub async fn authenticate(
    cache: &JwksCache,
    config: &JwtConfig,
    headers: &HeaderMap,
) -> Result<Option<Claims>, AuthError> {
    let Some(raw) = headers.get(config.header_name.as_str()) else {
        return Ok(None);
    };
    let raw = raw.to_str().map_err(|_| AuthError::Malformed)?.trim();
    let token =
        strip_prefix(raw, &config.header_value_prefix).ok_or_else(|| AuthError::HeaderFormat {
            header: config.header_name.clone(),
            prefix: config.header_value_prefix.clone(),
        })?;
    let header = jsonwebtoken::decode_header(token).map_err(|_| AuthError::Malformed)?;
    let unknown_kid_interval = config.unknown_kid_refetch_interval.get();

    // Sources whose keys were read again because the `kid` was unknown get a second try.
    for attempt in 0..2 {
        let mut seen_kid = false;
        let mut last_error = None;
        for source_config in &config.jwks {
            let allowed: Vec<Algorithm> = source_config
                .algorithms
                .iter()
                .filter_map(|a| a.parse().ok())
                .collect();
            if !allowed.is_empty() && !allowed.contains(&header.alg) {
                continue;
            }
            let Some(source) = cache.source(source_config) else {
                continue;
            };
            if source.keys().is_empty() {
                // Not read yet (startup) or unreadable: try now, at most once a second.
                source.refresh(Duration::from_secs(1)).await;
            }
            let keys = source.keys();
            for key in keys.iter() {
                if header.kid.is_some() && key.kid != header.kid {
                    continue;
                }
                seen_kid = true;
                if !key.algorithms.contains(&header.alg) {
                    continue;
                }
                let mut validation = Validation::new(header.alg);
                validation.leeway = config.leeway.get().as_secs();
                validation.validate_nbf = true;
                match &source_config.issuer {
                    Some(issuer) => validation.set_issuer(&[issuer]),
                    None => validation.iss = None,
                }
                if source_config.audiences.is_empty() {
                    validation.validate_aud = false;
                } else {
                    validation.set_audience(&source_config.audiences);
                }
                match jsonwebtoken::decode::<Claims>(token, &key.decoding, &validation) {
                    Ok(data) => return Ok(Some(data.claims)),
                    Err(error) => match error.kind() {
                        // Another key may have signed it.
                        ErrorKind::InvalidSignature | ErrorKind::InvalidAlgorithm => {
                            last_error = Some(AuthError::BadSignature);
                        }
                        ErrorKind::ExpiredSignature => return Err(AuthError::Expired),
                        ErrorKind::ImmatureSignature => return Err(AuthError::NotYetValid),
                        ErrorKind::InvalidIssuer => last_error = Some(AuthError::WrongIssuer),
                        ErrorKind::InvalidAudience => last_error = Some(AuthError::WrongAudience),
                        ErrorKind::MissingRequiredClaim(claim) => {
                            return Err(AuthError::MissingClaim(claim.clone()));
                        }
                        _ => last_error = Some(AuthError::Malformed),
                    },
                }
            }
        }
        if let Some(error) = last_error {
            return Err(error);
        }
        match (&header.kid, seen_kid, attempt) {
            (Some(_), false, 0) => {
                // Key rotation: the issuer may have published a key we have not read yet.
                let mut refreshed = false;
                for source_config in &config.jwks {
                    if let Some(source) = cache.source(source_config) {
                        refreshed |= source.refresh(unknown_kid_interval).await;
                    }
                }
                if !refreshed {
                    break;
                }
            }
            _ => break,
        }
    }
    Err(match header.kid {
        Some(kid) => AuthError::UnknownKid(kid),
        None => AuthError::NoKey,
    })
}

/// `Bearer abc` → `abc` (prefix compared case-insensitively); an empty prefix takes the value.
fn strip_prefix<'a>(raw: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return (!raw.is_empty()).then_some(raw);
    }
    let head = raw.get(..prefix.len())?;
    let rest = raw.get(prefix.len()..)?;
    if !head.eq_ignore_ascii_case(prefix) || !rest.starts_with(' ') {
        return None;
    }
    let token = rest.trim_start();
    (!token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::strip_prefix;

    #[test]
    fn strips_the_scheme_case_insensitively() {
        assert_eq!(strip_prefix("Bearer abc", "Bearer"), Some("abc"));
        assert_eq!(strip_prefix("bearer   abc", "Bearer"), Some("abc"));
        assert_eq!(strip_prefix("Basic abc", "Bearer"), None);
        assert_eq!(strip_prefix("Bearerabc", "Bearer"), None);
        assert_eq!(strip_prefix("Bearer ", "Bearer"), None);
        assert_eq!(strip_prefix("abc", ""), Some("abc"));
    }
}
