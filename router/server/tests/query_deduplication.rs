//! Identical subgraph queries in flight at the same time are sent once; mutations, queries with
//! other forwarded headers and a router with deduplication off send every one.

mod fault_support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::routing::post;
use fault_support::spawn;
use router_server::{AppState, RouterConfig, RouterState};
use serde_json::{Value, json};

const SDL: &str = r#"
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@shareable"])
type Query {
  value: Int
}
type Mutation {
  bump: Int
}
"#;

/// A subgraph that takes 150 ms to answer and counts the requests it gets.
async fn slow_counter(count: Arc<AtomicUsize>) -> SocketAddr {
    let app = Router::new().route(
        "/graphql",
        post(move |Json(_): Json<Value>| {
            let count = count.clone();
            async move {
                count.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(150)).await;
                Json(json!({ "data": { "value": 7, "bump": 1 } }))
            }
        }),
    );
    spawn(app).await
}

async fn router(subgraph: SocketAddr, dedupe_queries: bool) -> SocketAddr {
    let sdl = composition::compose(&[composition::SubgraphSdl::new(
        "counter",
        format!("http://{subgraph}/graphql"),
        SDL,
    )])
    .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)))
    .sdl;
    let supergraph =
        router_server::supergraph_source::parse(&sdl, "dedupe").expect("supergraph loads");
    let mut config = RouterConfig::default();
    config.subgraphs.entry("all").deduplicate_queries = Some(dedupe_queries);
    config.headers.propagate_to_all(&["authorization"]);
    let state = RouterState::new(supergraph, Arc::new(config)).expect("router state");
    spawn(router_server::app(AppState::ready(state))).await
}

/// Sends `query` from five clients at once (client `i` with authorization `tokens[i]`); the
/// answers.
async fn five_at_once(router: SocketAddr, query: &str, tokens: [&str; 5]) -> Vec<Value> {
    let client = reqwest::Client::new();
    let url = format!("http://{router}/graphql");
    let requests = tokens.map(|token| {
        client
            .post(&url)
            .header("authorization", token)
            .json(&json!({ "query": query }))
            .send()
    });
    let mut answers = Vec::new();
    for response in futures::future::join_all(requests).await {
        let body: Value = response
            .expect("router answers")
            .json()
            .await
            .expect("JSON");
        answers.push(body);
    }
    answers
}

#[tokio::test]
async fn identical_queries_in_flight_reach_the_subgraph_once() {
    let count = Arc::new(AtomicUsize::new(0));
    let router = router(slow_counter(count.clone()).await, true).await;
    let answers = five_at_once(router, "{ value }", ["t"; 5]).await;
    for answer in &answers {
        assert_eq!(answer, &json!({ "data": { "value": 7 } }));
    }
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn queries_with_other_forwarded_headers_are_not_shared() {
    let count = Arc::new(AtomicUsize::new(0));
    let router = router(slow_counter(count.clone()).await, true).await;
    let answers = five_at_once(router, "{ value }", ["a", "a", "a", "b", "b"]).await;
    assert!(
        answers.iter().all(|a| a["data"]["value"] == 7),
        "{answers:?}"
    );
    assert_eq!(
        count.load(Ordering::SeqCst),
        2,
        "one per authorization value"
    );
}

#[tokio::test]
async fn a_finished_query_is_sent_again() {
    let count = Arc::new(AtomicUsize::new(0));
    let router = router(slow_counter(count.clone()).await, true).await;
    five_at_once(router, "{ value }", ["t"; 5]).await;
    five_at_once(router, "{ value }", ["t"; 5]).await;
    assert_eq!(count.load(Ordering::SeqCst), 2, "nothing is cached");
}

#[tokio::test]
async fn mutations_are_never_shared() {
    let count = Arc::new(AtomicUsize::new(0));
    let router = router(slow_counter(count.clone()).await, true).await;
    let answers = five_at_once(router, "mutation { bump }", ["t"; 5]).await;
    assert!(
        answers.iter().all(|a| a["data"]["bump"] == 1),
        "{answers:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn with_deduplication_off_every_query_is_sent() {
    let count = Arc::new(AtomicUsize::new(0));
    let router = router(slow_counter(count.clone()).await, false).await;
    five_at_once(router, "{ value }", ["t"; 5]).await;
    assert_eq!(count.load(Ordering::SeqCst), 5);
}
