//! JWT test helpers: tokens signed with the test-only keys of `tests/fixtures/jwt`, and a JWK
//! Set served over real HTTP on 127.0.0.1:0 whose content a test can swap (key rotation).
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use router_server::RouterConfig;
use router_server::config::{JwksSource, JwtConfig};
use serde_json::{Value, json};

pub const ISSUER: &str = "https://idp.test";
pub const AUDIENCE: &str = "shop-api";

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/jwt")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("test key fixture")
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

/// Standard claims valid for an hour, plus `extra`.
pub fn claims(extra: Value) -> Value {
    let mut claims = json!({
        "sub": "2",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now(),
        "exp": now() + 3600,
    });
    if let (Some(claims), Some(extra)) = (claims.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            claims.insert(k.clone(), v.clone());
        }
    }
    claims
}

/// Signs `claims` with a fixture key: `rsa` / `rsa_rotated` (RS256), `ec` (ES256), `hs256`.
pub fn token(key: &str, kid: &str, claims: &Value) -> String {
    let (algorithm, encoding) = match key {
        "rsa" => (
            Algorithm::RS256,
            EncodingKey::from_rsa_pem(&read("rsa.pem")),
        ),
        "rsa_rotated" => (
            Algorithm::RS256,
            EncodingKey::from_rsa_pem(&read("rsa_rotated.pem")),
        ),
        "ec" => (Algorithm::ES256, EncodingKey::from_ec_pem(&read("ec.pem"))),
        "hs256" => (
            Algorithm::HS256,
            Ok(EncodingKey::from_secret(&read("hs256.secret"))),
        ),
        other => panic!("no test key {other}"),
    };
    let mut header = Header::new(algorithm);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &encoding.expect("test key")).expect("signs")
}

/// A JWK Set served at `url`, counting fetches.
pub struct JwksServer {
    pub url: String,
    body: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
}

impl JwksServer {
    pub async fn start(file: &str) -> Self {
        let body = Arc::new(Mutex::new(
            String::from_utf8(read(file)).expect("UTF-8 JWKS"),
        ));
        let fetches = Arc::new(AtomicUsize::new(0));
        let state = (body.clone(), fetches.clone());
        let app = axum::Router::new()
            .route(
                "/jwks.json",
                axum::routing::get(
                    |State((body, fetches)): State<(Arc<Mutex<String>>, Arc<AtomicUsize>)>| async move {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        let text = body.lock().expect("lock").clone();
                        ([("content-type", "application/json")], text)
                    },
                ),
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("JWKS server");
        });
        Self {
            url: format!("http://{addr}/jwks.json"),
            body,
            fetches,
        }
    }

    pub fn serve(&self, file: &str) {
        *self.body.lock().expect("lock") = String::from_utf8(read(file)).expect("UTF-8 JWKS");
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

pub fn url_source(url: &str) -> JwksSource {
    JwksSource {
        url: Some(url.to_owned()),
        issuer: Some(ISSUER.to_owned()),
        audiences: vec![AUDIENCE.to_owned()],
        ..JwksSource::default()
    }
}

pub fn file_source(file: &str) -> JwksSource {
    JwksSource {
        file: Some(fixture(file).display().to_string()),
        ..JwksSource::default()
    }
}

/// The shop configuration with JWT authentication from `sources`.
pub fn config_with(sources: Vec<JwksSource>) -> RouterConfig {
    let mut config = super::e2e_support::shop_config();
    config.authentication.jwt = Some(JwtConfig {
        jwks: sources,
        unknown_kid_refetch_interval: router_server::config::ConfigDuration::from_millis(0),
        ..JwtConfig::default()
    });
    config
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}
