//! JWK Sets, fetched once and shared by every request: [`JwksCache`] lives in
//! the server's state, so keys survive configuration reloads that keep their source.
//! Each source is read at first use (at startup for the configured ones), then again every
//! `poll_interval`, and at once (rate-limited) when a token names a `kid` no key has.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};

use router_config::{AuthenticationConfig, JwksSource};

/// A verification key from a JWK Set.
pub struct Key {
    pub kid: Option<String>,
    /// The algorithms this key may verify: its `alg` when the JWK says, else what its type
    /// allows.
    pub algorithms: Vec<Algorithm>,
    pub decoding: DecodingKey,
}

/// Where a set comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Origin {
    Url(String),
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Url(url) => write!(f, "{url}"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One JWK Set and its refresh state.
pub struct KeySource {
    origin: Origin,
    keys: ArcSwap<Vec<Key>>,
    /// When the set was last read (successfully or not).
    last_attempt: Mutex<Option<Instant>>,
    /// One read at a time; waiters get the result of the read in progress.
    reading: tokio::sync::Mutex<()>,
    http: reqwest::Client,
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySource")
            .field("origin", &self.origin)
            .field("keys", &self.keys.load().len())
            .finish()
    }
}

/// Every JWK Set the router has read, by origin and poll interval.
#[derive(Debug, Default)]
pub struct JwksCache {
    sources: Mutex<HashMap<(Origin, Duration), Arc<KeySource>>>,
}

impl JwksCache {
    /// Starts reading every configured set (called at startup, so keys are there early).
    pub fn prepare(&self, config: &AuthenticationConfig) {
        for source in config.jwt.iter().flat_map(|jwt| &jwt.jwks) {
            if let Some(source) = self.source(source) {
                tracing::debug!(origin = %source.origin, "JWK Set source ready");
            }
        }
    }

    /// The set for `config`: the cached one, or a new one whose first read and polling start
    /// now. `None` for a source with neither `url` nor `file` (configuration checks refuse it).
    pub fn source(&self, config: &JwksSource) -> Option<Arc<KeySource>> {
        let origin = match (&config.url, &config.file) {
            (Some(url), None) => Origin::Url(url.clone()),
            (None, Some(file)) => Origin::File(PathBuf::from(file)),
            _ => return None,
        };
        let poll = config.poll_interval.get();
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(source) = sources.get(&(origin.clone(), poll)) {
            return Some(source.clone());
        }
        let source = Arc::new(KeySource {
            origin: origin.clone(),
            keys: ArcSwap::from_pointee(Vec::new()),
            last_attempt: Mutex::new(None),
            reading: tokio::sync::Mutex::new(()),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        });
        sources.insert((origin, poll), source.clone());
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(poll_forever(Arc::downgrade(&source), poll));
        }
        Some(source)
    }
}

/// Reads the set every `poll` (sooner, with backoff, after a failure) for as long as the cache
/// holds it.
async fn poll_forever(source: Weak<KeySource>, poll: Duration) {
    let mut retry = Duration::from_millis(500);
    loop {
        let Some(strong) = source.upgrade() else {
            return;
        };
        let ok = strong.read().await;
        drop(strong);
        let wait = if ok {
            retry = Duration::from_millis(500);
            poll
        } else {
            let wait = retry.min(poll);
            retry = (retry * 2).min(Duration::from_secs(60));
            wait
        };
        tokio::time::sleep(wait.max(Duration::from_millis(100))).await;
    }
}

impl KeySource {
    pub fn keys(&self) -> arc_swap::Guard<Arc<Vec<Key>>> {
        self.keys.load()
    }

    pub fn origin(&self) -> String {
        self.origin.to_string()
    }

    /// Reads the set unless it was read less than `min_interval` ago (then waits for a read
    /// in progress, if any). True when a read happened and succeeded.
    pub async fn refresh(&self, min_interval: Duration) -> bool {
        let recent = self
            .last_attempt
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some_and(|at| at.elapsed() < min_interval);
        if recent {
            drop(self.reading.lock().await);
            return false;
        }
        self.read().await
    }

    /// Reads the set now; on failure the keys read before stay.
    async fn read(&self) -> bool {
        let _reading = self.reading.lock().await;
        *self.last_attempt.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        match self.fetch().await {
            Ok(keys) => {
                tracing::debug!(origin = %self.origin, keys = keys.len(), "JWK Set read");
                self.keys.store(Arc::new(keys));
                true
            }
            Err(error) => {
                tracing::warn!(origin = %self.origin, %error, "cannot read the JWK Set; keeping the keys read before");
                false
            }
        }
    }

    async fn fetch(&self) -> Result<Vec<Key>, String> {
        let text = match &self.origin {
            Origin::Url(url) => {
                let response = self
                    .http
                    .get(url)
                    .header("accept", "application/json")
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !response.status().is_success() {
                    return Err(format!("HTTP status {}", response.status()));
                }
                response.text().await.map_err(|e| e.to_string())?
            }
            Origin::File(path) => tokio::fs::read_to_string(path)
                .await
                .map_err(|e| e.to_string())?,
        };
        parse_jwks(&text)
    }
}

/// A JWK Set's usable verification keys. Keys of unknown types or meant for encryption are
/// skipped; a set without any usable key is an error.
pub fn parse_jwks(text: &str) -> Result<Vec<Key>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let Some(entries) = value.get("keys").and_then(|k| k.as_array()) else {
        return Err("not a JWK Set: no \"keys\" array".into());
    };
    let mut keys = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let jwk: Jwk = match serde_json::from_value(entry.clone()) {
            Ok(jwk) => jwk,
            Err(error) => {
                tracing::warn!(index, %error, "skipping a JWK the router cannot read");
                continue;
            }
        };
        if jwk.common.public_key_use == Some(PublicKeyUse::Encryption) {
            continue;
        }
        let algorithms = match &jwk.common.key_algorithm {
            Some(alg) => match alg.to_string().parse::<Algorithm>() {
                Ok(alg) => vec![alg],
                Err(_) => continue,
            },
            None => algorithms_for(&jwk.algorithm),
        };
        match DecodingKey::from_jwk(&jwk) {
            Ok(decoding) => keys.push(Key {
                kid: jwk.common.key_id.clone(),
                algorithms,
                decoding,
            }),
            Err(error) => tracing::warn!(index, %error, "skipping an unusable JWK"),
        }
    }
    if keys.is_empty() {
        return Err("the JWK Set has no usable verification key".into());
    }
    Ok(keys)
}

fn algorithms_for(params: &AlgorithmParameters) -> Vec<Algorithm> {
    use Algorithm::*;
    match params {
        AlgorithmParameters::RSA(_) => vec![RS256, RS384, RS512, PS256, PS384, PS512],
        AlgorithmParameters::EllipticCurve(ec) => match ec.curve {
            EllipticCurve::P256 => vec![ES256],
            EllipticCurve::P384 => vec![ES384],
            _ => Vec::new(),
        },
        AlgorithmParameters::OctetKey(_) => vec![HS256, HS384, HS512],
        AlgorithmParameters::OctetKeyPair(_) => vec![EdDSA],
    }
}
