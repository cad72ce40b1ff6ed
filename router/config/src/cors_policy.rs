//! The runtime view of `cors`: origins compiled to exact names and patterns, header values
//! pre-rendered. The server answers preflights and decorates answers with it; the loader
//! reports its problems with their place in the file.

use http::{HeaderName, HeaderValue, Method};
use regex::Regex;

use crate::ConfigError;
use crate::cors::CorsConfig;
use crate::load_error::ConfigProblem;

/// The runtime view of [`CorsConfig`]: origins compiled, header values pre-rendered.
#[derive(Debug, Clone)]
pub struct CorsPolicy {
    any_origin: bool,
    exact: Vec<String>,
    patterns: Vec<Regex>,
    /// `Access-Control-Allow-Credentials: true` goes with allowed origins.
    pub credentials: bool,
    /// `Access-Control-Allow-Methods` of a preflight answer.
    pub methods: Option<HeaderValue>,
    /// `Access-Control-Allow-Headers` of a preflight answer.
    pub headers: Option<HeaderValue>,
    /// `Access-Control-Expose-Headers` of an actual answer.
    pub expose: Option<HeaderValue>,
    /// `Access-Control-Max-Age` of a preflight answer.
    pub max_age: HeaderValue,
}

impl CorsPolicy {
    pub fn new(config: &CorsConfig) -> Result<Self, ConfigError> {
        let mut any_origin = false;
        let mut exact = Vec::new();
        let mut patterns = Vec::new();
        for (index, origin) in config.origins.iter().enumerate() {
            let key = || format!("cors.origins[{index}]");
            if origin == "*" {
                any_origin = true;
            } else if origin.contains('*') {
                patterns.push(wildcard(origin).map_err(|message| setting(key(), message))?);
            } else {
                check_origin(origin).map_err(|message| setting(key(), message))?;
                exact.push(origin.clone());
            }
        }
        for (index, raw) in config.match_origins.iter().enumerate() {
            // Anchored: a pattern written without ^...$ must not match a longer, hostile origin.
            let regex = Regex::new(&format!("^(?:{raw})$")).map_err(|e| {
                setting(
                    format!("cors.match_origins[{index}]"),
                    format!("invalid regular expression: {e}"),
                )
            })?;
            patterns.push(regex);
        }
        if any_origin && config.allow_credentials {
            return Err(setting(
                "cors.origins".into(),
                "\"*\" cannot be combined with allow_credentials (browsers refuse it): list the \
                 origins instead"
                    .into(),
            ));
        }
        Ok(Self {
            any_origin,
            exact,
            patterns,
            credentials: config.allow_credentials,
            methods: list("cors.allow_methods", &config.allow_methods, |m| {
                Method::from_bytes(m.as_bytes()).is_ok()
            })?,
            headers: list("cors.allow_headers", &config.allow_headers, valid_name)?,
            expose: list("cors.expose_headers", &config.expose_headers, valid_name)?,
            max_age: HeaderValue::from(config.max_age.get().as_secs()),
        })
    }

    /// The `Access-Control-Allow-Origin` value for `origin`, when it is allowed.
    pub fn allow_origin(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        if self.any_origin {
            return Some(HeaderValue::from_static("*"));
        }
        let text = origin.to_str().ok()?;
        let allowed =
            self.exact.iter().any(|o| o == text) || self.patterns.iter().any(|p| p.is_match(text));
        allowed.then(|| origin.clone())
    }
}

/// The problems of a `cors` section, for the configuration loader (which places them in the
/// file).
pub(crate) fn problems(config: &CorsConfig) -> Vec<ConfigProblem> {
    match CorsPolicy::new(config) {
        Err(ConfigError::InvalidSetting { key, message }) => vec![ConfigProblem::new(key, message)],
        _ => Vec::new(),
    }
}

fn setting(key: String, message: String) -> ConfigError {
    ConfigError::InvalidSetting { key, message }
}

/// `https://*.example.com` → `^https://[A-Za-z0-9.-]+\.example\.com$`
fn wildcard(pattern: &str) -> Result<Regex, String> {
    let body = pattern
        .split('*')
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join("[A-Za-z0-9.-]+");
    Regex::new(&format!("^{body}$")).map_err(|e| format!("invalid pattern: {e}"))
}

/// An origin is `scheme://host[:port]`, exactly as browsers send it.
fn check_origin(origin: &str) -> Result<(), String> {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return Err(format!(
            "{origin:?} is not an origin: write scheme://host[:port], e.g. https://shop.example.com"
        ));
    };
    if scheme.is_empty() || rest.is_empty() || rest.contains('/') {
        return Err(format!(
            "{origin:?} is not an origin: no path or trailing slash (browsers send \
             {scheme}://{})",
            rest.trim_end_matches('/')
                .split('/')
                .next()
                .unwrap_or_default()
        ));
    }
    Ok(())
}

fn valid_name(name: &str) -> bool {
    HeaderName::try_from(name).is_ok()
}

/// `a, b, c` for a response header, each entry checked; `None` when the list is empty.
fn list(
    key: &str,
    values: &[String],
    valid: impl Fn(&str) -> bool,
) -> Result<Option<HeaderValue>, ConfigError> {
    if let Some((index, bad)) = values.iter().enumerate().find(|(_, v)| !valid(v)) {
        return Err(setting(
            format!("{key}[{index}]"),
            format!("{bad:?} is not valid here"),
        ));
    }
    if values.is_empty() {
        return Ok(None);
    }
    HeaderValue::from_str(&values.join(", "))
        .map(Some)
        .map_err(|e| setting(key.to_owned(), e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(config: CorsConfig) -> CorsPolicy {
        CorsPolicy::new(&config).expect("valid")
    }

    fn allows(policy: &CorsPolicy, origin: &str) -> bool {
        policy
            .allow_origin(&HeaderValue::from_str(origin).unwrap())
            .is_some()
    }

    #[test]
    fn the_loader_places_cors_problems_in_the_file() {
        let yaml = "cors:\n  origins:\n    - https://shop.example.com/\n";
        let error = crate::load(yaml, "router.yaml", &|_| None).expect_err("a path");
        assert_eq!(error.problems[0].path, "cors.origins[0]");
        assert_eq!(error.problems[0].location.map(|l| l.0), Some(2));
    }

    #[test]
    fn the_default_allows_no_origin() {
        let closed = policy(CorsConfig::default());
        assert!(!allows(&closed, "https://shop.example.com"));
        assert!(!allows(&closed, "null"));
    }

    #[test]
    fn exact_wildcard_and_regex_origins() {
        let open = policy(CorsConfig {
            origins: vec![
                "https://shop.example.com".into(),
                "https://*.preview.example.com".into(),
                "http://localhost:*".into(),
            ],
            match_origins: vec![r"https://pr-[0-9]+\.example\.org".into()],
            ..CorsConfig::default()
        });
        assert!(allows(&open, "https://shop.example.com"));
        assert!(!allows(&open, "https://shop.example.com.evil.com"));
        assert!(!allows(&open, "http://shop.example.com"));
        assert!(allows(&open, "https://a.b.preview.example.com"));
        assert!(!allows(&open, "https://preview.example.com"));
        assert!(!allows(&open, "https://x/.preview.example.com"));
        assert!(allows(&open, "http://localhost:5173"));
        assert!(allows(&open, "https://pr-12.example.org"));
        assert!(!allows(&open, "https://pr-12.example.org.evil.com"));
    }

    #[test]
    fn refuses_unusable_settings() {
        for (config, key) in [
            (
                CorsConfig {
                    origins: vec!["https://shop.example.com/".into()],
                    ..CorsConfig::default()
                },
                "cors.origins[0]",
            ),
            (
                CorsConfig {
                    match_origins: vec!["(".into()],
                    ..CorsConfig::default()
                },
                "cors.match_origins[0]",
            ),
            (
                CorsConfig {
                    origins: vec!["*".into()],
                    allow_credentials: true,
                    ..CorsConfig::default()
                },
                "cors.origins",
            ),
            (
                CorsConfig {
                    allow_headers: vec!["bad header".into()],
                    ..CorsConfig::default()
                },
                "cors.allow_headers[0]",
            ),
        ] {
            match CorsPolicy::new(&config) {
                Err(ConfigError::InvalidSetting { key: got, .. }) => assert_eq!(got, key),
                other => panic!("{key}: expected an error, got {other:?}"),
            }
        }
    }
}
