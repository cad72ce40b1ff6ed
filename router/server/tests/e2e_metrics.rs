//! `/metrics` through real HTTP: requests counted by operation name and outcome, subgraph
//! fetches by subgraph (and failures by kind), plan cache misses then hits, and the series
//! that must not appear (a disabled endpoint, unbounded operation names).

mod e2e_support;
#[path = "fault_support/mod.rs"]
mod fault_support;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use e2e_support::Stack;
use router_server::RouterConfig;
use serde_json::json;

const CART: &str = r#"query UserCart { user(id: "1") { name cart { items { quantity product { name inStock } } } } }"#;

/// One sample of `name` whose labels include `labels`, from the text exposition format.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (series_name, rest) = series.split_once('{').unwrap_or((series, "}"));
            if series_name != name {
                return None;
            }
            let wanted = labels
                .iter()
                .all(|(key, value)| rest.contains(&format!("{key}=\"{value}\"")));
            wanted.then(|| value.parse().expect("a number"))
        })
}

async fn scrape(http: &reqwest::Client, base: &str) -> String {
    let response = http
        .get(format!("{base}/metrics"))
        .send()
        .await
        .expect("metrics answer");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    response.text().await.expect("text")
}

#[tokio::test]
async fn a_request_is_counted_with_its_operation_name_and_outcome() {
    let stack = Stack::start().await;
    let base = stack.url("");
    let before = scrape(&stack.http, &base).await;
    assert_eq!(
        sample(
            &before,
            "router_http_requests_total",
            &[("operation_name", "UserCart")]
        ),
        None
    );
    stack.query(CART, json!({})).await;
    let after = scrape(&stack.http, &base).await;
    let labels = [("operation_name", "UserCart"), ("outcome", "success")];
    assert_eq!(
        sample(&after, "router_http_requests_total", &labels),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &after,
            "router_http_request_duration_seconds_count",
            &labels
        ),
        Some(1.0)
    );
    // Scrapes are not counted in flight; nothing else is running.
    assert_eq!(
        sample(&after, "router_http_requests_in_flight", &[]),
        Some(0.0)
    );
    assert!(
        sample(&after, "router_build_info", &[("version", "0.1.0")]) == Some(1.0),
        "{after}"
    );
}

#[tokio::test]
async fn subgraph_fetches_are_timed_per_subgraph() {
    let stack = Stack::start().await;
    stack.query(CART, json!({})).await;
    let text = scrape(&stack.http, &stack.url("")).await;
    for subgraph in ["users", "carts", "products", "inventory"] {
        let count = sample(
            &text,
            "router_subgraph_request_duration_seconds_count",
            &[("subgraph", subgraph)],
        );
        assert!(
            count.is_some_and(|c| c >= 1.0),
            "{subgraph}: {count:?}\n{text}"
        );
    }
    assert_eq!(
        sample(
            &text,
            "router_subgraph_request_duration_seconds_count",
            &[("subgraph", "reviews")]
        ),
        None,
        "reviews is not queried"
    );
    assert_eq!(sample(&text, "router_subgraph_errors_total", &[]), None);
}

#[tokio::test]
async fn the_plan_cache_misses_then_hits() {
    let stack = Stack::start().await;
    let base = stack.url("");
    stack.query(CART, json!({})).await;
    let first = scrape(&stack.http, &base).await;
    assert_eq!(
        sample(&first, "router_plan_cache_misses_total", &[]),
        Some(1.0)
    );
    assert_eq!(
        sample(&first, "router_plan_cache_hits_total", &[]),
        Some(0.0)
    );
    assert_eq!(sample(&first, "router_plan_cache_entries", &[]), Some(1.0));
    stack.query(CART, json!({})).await;
    let second = scrape(&stack.http, &base).await;
    assert_eq!(
        sample(&second, "router_plan_cache_misses_total", &[]),
        Some(1.0)
    );
    assert_eq!(
        sample(&second, "router_plan_cache_hits_total", &[]),
        Some(1.0)
    );
}

#[tokio::test]
async fn refused_and_invalid_requests_are_request_errors() {
    let stack = Stack::start().await;
    let invalid = stack
        .post(
            json!({ "query": "query Broken { noSuchField }" }),
            &[("accept", "application/graphql-response+json")],
        )
        .await;
    assert_eq!(invalid.status, 400);
    let malformed = stack
        .post_raw("{not json", "application/graphql-response+json")
        .await;
    assert_eq!(malformed.status, 400);
    // Blocked by CSRF prevention before the GraphQL handler.
    let forged = Stack::answer(
        stack
            .http
            .post(stack.url("/graphql"))
            .header("content-type", "text/plain")
            .body(r#"{"query":"{ __typename }"}"#),
    )
    .await;
    assert_eq!(forged.status, 400, "{:#}", forged.body);
    let text = scrape(&stack.http, &stack.url("")).await;
    // The name of a document that does not validate is the client's operationName (none here).
    assert_eq!(
        sample(
            &text,
            "router_http_requests_total",
            &[("operation_name", ""), ("outcome", "request_error")]
        ),
        Some(3.0),
        "{text}"
    );
}

/// A `stock` subgraph that fails every request with HTTP 500.
fn failing_stock() -> Router {
    Router::new().route(
        "/graphql",
        post(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "down") }),
    )
}

#[tokio::test]
async fn a_failing_subgraph_counts_an_http_status_error_and_a_graphql_errors_outcome() {
    let stock = fault_support::spawn(failing_stock()).await;
    let stack = fault_support::FaultStack::start(stock).await;
    let body = stack.query("query Stock { products { name stock } }").await;
    assert!(body["errors"].is_array(), "{body}");
    let text = scrape(&stack.http, &format!("http://{}", stack.router)).await;
    assert_eq!(
        sample(
            &text,
            "router_subgraph_errors_total",
            &[("subgraph", "stock"), ("kind", "http_status")]
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "router_http_requests_total",
            &[("operation_name", "Stock"), ("outcome", "graphql_errors")]
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &text,
            "router_subgraph_errors_total",
            &[("subgraph", "catalog")]
        ),
        None
    );
}

#[tokio::test]
async fn operation_names_beyond_the_limit_are_counted_as_other() {
    let mut config = RouterConfig::default();
    config.telemetry.metrics.max_operation_names = 1;
    let stack = Stack::start_with(config).await;
    for name in ["First", "Second", "Third"] {
        stack
            .query(&format!("query {name} {{ __typename }}"), json!({}))
            .await;
    }
    let text = scrape(&stack.http, &stack.url("")).await;
    let count = |name| {
        sample(
            &text,
            "router_http_requests_total",
            &[("operation_name", name)],
        )
    };
    assert_eq!(count("First"), Some(1.0));
    assert_eq!(count("Second"), None);
    assert_eq!(count("other"), Some(2.0));
}

#[tokio::test]
async fn metrics_can_be_disabled_or_moved() {
    let mut config = RouterConfig::default();
    config.telemetry.metrics.path = "/internal/metrics".into();
    let stack = Stack::start_with(config).await;
    let moved = stack
        .http
        .get(stack.url("/internal/metrics"))
        .send()
        .await
        .expect("answer");
    assert_eq!(moved.status(), 200);
    let old = stack
        .http
        .get(stack.url("/metrics"))
        .send()
        .await
        .expect("answer");
    assert_eq!(old.status(), 404);

    let mut config = RouterConfig::default();
    config.telemetry.metrics.enabled = false;
    let stack = Stack::start_with(config).await;
    let disabled = stack
        .http
        .get(stack.url("/metrics"))
        .send()
        .await
        .expect("answer");
    assert_eq!(disabled.status(), 404);
}
