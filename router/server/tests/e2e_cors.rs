//! CORS through real HTTP: preflights for allowed and other origins, the headers of actual
//! cross-origin answers, and a reloaded `cors` section taking effect without a restart.

mod e2e_support;

use std::sync::Arc;

use e2e_support::Stack;
use reqwest::Method;
use reqwest::header::HeaderMap;
use router_server::{RouterConfig, RouterState};
use serde_json::json;

const SHOP: &str = "https://shop.example.com";

fn cors_config() -> RouterConfig {
    let mut config = e2e_support::shop_config();
    config.cors.origins = vec![SHOP.into(), "https://*.preview.example.com".into()];
    config.cors.match_origins = vec![r"http://localhost:[0-9]+".into()];
    config.cors.allow_credentials = true;
    config.cors.allow_headers.push("x-user-id".into());
    config.cors.expose_headers = vec!["x-request-id".into()];
    config
}

async fn preflight(stack: &Stack, origin: &str) -> (u16, HeaderMap) {
    let response = stack
        .http
        .request(Method::OPTIONS, stack.url("/graphql"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type, x-user-id")
        .send()
        .await
        .expect("answer");
    (response.status().as_u16(), response.headers().clone())
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().expect("ascii"))
}

fn vary(headers: &HeaderMap) -> String {
    headers
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().expect("ascii"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn preflight_from_an_allowed_origin_is_answered_with_credentials() {
    let stack = Stack::start_with(cors_config()).await;
    for origin in [
        SHOP,
        "https://pr-7.preview.example.com",
        "http://localhost:5173",
    ] {
        let (status, headers) = preflight(&stack, origin).await;
        assert_eq!(status, 204, "{origin}");
        assert_eq!(
            header(&headers, "access-control-allow-origin"),
            Some(origin)
        );
        assert_eq!(
            header(&headers, "access-control-allow-credentials"),
            Some("true")
        );
        assert_eq!(
            header(&headers, "access-control-allow-methods"),
            Some("GET, POST, OPTIONS")
        );
        let allowed = header(&headers, "access-control-allow-headers").expect("allow-headers");
        for needed in [
            "content-type",
            "authorization",
            "apollo-require-preflight",
            "traceparent",
            "x-user-id",
        ] {
            assert!(allowed.contains(needed), "{needed} in {allowed}");
        }
        assert_eq!(header(&headers, "access-control-max-age"), Some("600"));
        assert!(vary(&headers).contains("origin"), "{}", vary(&headers));
    }
}

#[tokio::test]
async fn preflight_from_another_origin_gets_no_allow_headers() {
    let stack = Stack::start_with(cors_config()).await;
    for origin in [
        "https://evil.example.net",
        "https://shop.example.com.evil.net",
        "http://shop.example.com",
        "null",
    ] {
        let (status, headers) = preflight(&stack, origin).await;
        assert_eq!(status, 204, "{origin}");
        for name in [
            "access-control-allow-origin",
            "access-control-allow-credentials",
            "access-control-allow-methods",
            "access-control-allow-headers",
        ] {
            assert!(headers.get(name).is_none(), "{origin}: {name}");
        }
        assert!(vary(&headers).contains("origin"));
    }
}

#[tokio::test]
async fn by_default_no_origin_is_allowed_cross_origin() {
    let stack = Stack::start().await;
    let (_, headers) = preflight(&stack, SHOP).await;
    assert!(headers.get("access-control-allow-origin").is_none());
    // Same-origin pages (the playground) need no CORS: their POSTs just work.
    let answer = stack
        .post(
            json!({ "query": "{ __typename }" }),
            &[("origin", &stack.url(""))],
        )
        .await;
    assert_eq!(answer.body, json!({ "data": { "__typename": "Query" } }));
}

#[tokio::test]
async fn actual_requests_carry_the_allow_and_expose_headers() {
    let stack = Stack::start_with(cors_config()).await;
    let response = stack
        .http
        .post(stack.url("/graphql"))
        .header("origin", SHOP)
        .header("x-user-id", "1")
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .expect("answer");
    let headers = response.headers().clone();
    assert_eq!(header(&headers, "access-control-allow-origin"), Some(SHOP));
    assert_eq!(
        header(&headers, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        header(&headers, "access-control-expose-headers"),
        Some("x-request-id")
    );
    assert!(vary(&headers).contains("origin"));
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body, json!({ "data": { "me": { "id": "1" } } }));

    let other = stack
        .http
        .post(stack.url("/graphql"))
        .header("origin", "https://evil.example.net")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("answer");
    assert!(other.headers().get("access-control-allow-origin").is_none());
    assert!(vary(other.headers()).contains("origin"));
}

#[tokio::test]
async fn any_origin_without_credentials_gets_a_wildcard() {
    let mut config = RouterConfig::default();
    config.cors.origins = vec!["*".into()];
    let stack = Stack::start_with(config).await;
    let (_, headers) = preflight(&stack, "https://anyone.example.org").await;
    assert_eq!(header(&headers, "access-control-allow-origin"), Some("*"));
    assert!(headers.get("access-control-allow-credentials").is_none());
}

#[tokio::test]
async fn a_reloaded_cors_section_applies_to_the_next_request() {
    let stack = Stack::start().await;
    assert!(
        preflight(&stack, SHOP)
            .await
            .1
            .get("access-control-allow-origin")
            .is_none()
    );
    let reloaded = RouterState::new((*stack.state.supergraph).clone(), Arc::new(cors_config()))
        .expect("state");
    stack.app.replace(reloaded);
    let (_, headers) = preflight(&stack, SHOP).await;
    assert_eq!(header(&headers, "access-control-allow-origin"), Some(SHOP));
}
