//! `errors:` subgraph errors reach clients redacted (the default) or as they are, per
//! subgraph; redacted ones keep `path` and `extensions.code`, the router's own errors are never
//! touched.

mod fault_support;

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::routing::post;
use fault_support::{FaultStack, catalog, closed_port, compose, spawn, stock_entities};
use router_server::{RouterConfig, RouterState, ServerError};
use serde_json::{Value, json};

const QUERY: &str = "{ products { id name available } topProduct { name } }";

/// `stock` loses product 2 with an error full of internals.
fn leaky_stock() -> Router {
    Router::new().route(
        "/graphql",
        post(|Json(body): Json<Value>| async move {
            let mut answer = stock_entities(&body);
            answer["data"]["_entities"][1] = Value::Null;
            answer["errors"] = json!([{
                "message": "pq: relation \"stock\" is locked (host db-7.internal)",
                "path": ["_entities", 1],
                "extensions": { "code": "STOCK_LOST", "stacktrace": ["at stock.rs:42"] }
            }]);
            Json(answer)
        }),
    )
}

/// `catalog` answers but says `topProduct` failed.
fn complaining_catalog() -> Router {
    Router::new().route(
        "/graphql",
        post(|| async {
            Json(json!({
                "data": {
                    "products": [
                        { "__typename": "Product", "id": "1", "name": "Apple" },
                        { "__typename": "Product", "id": "2", "name": "Pear" }
                    ],
                    "topProduct": null
                },
                "errors": [{
                    "message": "no sales data yet",
                    "path": ["topProduct"],
                    "extensions": { "code": "NOT_READY" }
                }]
            }))
        }),
    )
}

fn config(yaml: &str) -> RouterConfig {
    RouterConfig::from_yaml(yaml, "test").expect("valid configuration")
}

async fn start(catalog: Router, stock: Router, yaml: &str) -> FaultStack {
    FaultStack::start_configured(spawn(catalog).await, spawn(stock).await, config(yaml)).await
}

#[tokio::test]
async fn subgraph_errors_are_redacted_by_default_keeping_path_and_code() {
    let stack = start(catalog(), leaky_stock(), "").await;
    let body = stack.query(QUERY).await;
    assert_eq!(body["data"]["products"][1]["available"], Value::Null);
    assert_eq!(
        body["errors"],
        json!([{
            "message": "Subgraph errors redacted",
            "path": ["products", 1],
            "extensions": { "code": "STOCK_LOST" }
        }])
    );
}

#[tokio::test]
async fn one_subgraph_can_pass_its_errors_through_while_another_stays_redacted() {
    let yaml =
        "errors:\n  subgraphs:\n    all:\n      redact: false\n    stock:\n      redact: true\n";
    let stack = start(complaining_catalog(), leaky_stock(), yaml).await;
    let body = stack.query(QUERY).await;
    let mut errors = body["errors"].as_array().expect("errors").clone();
    errors.sort_by_key(|e| e["path"].to_string());
    assert_eq!(
        errors,
        [
            json!({
                "message": "Subgraph errors redacted",
                "path": ["products", 1],
                "extensions": { "code": "STOCK_LOST" }
            }),
            json!({
                "message": "no sales data yet",
                "path": ["topProduct"],
                "extensions": { "code": "NOT_READY", "serviceName": "catalog" }
            }),
        ]
    );
}

#[tokio::test]
async fn passing_through_forwards_messages_and_extensions_as_the_subgraph_sent_them() {
    let yaml = "errors:\n  subgraphs:\n    stock:\n      redact: false\n";
    let stack = start(catalog(), leaky_stock(), yaml).await;
    let body = stack.query(QUERY).await;
    assert_eq!(
        body["errors"],
        json!([{
            "message": "pq: relation \"stock\" is locked (host db-7.internal)",
            "path": ["products", 1],
            "extensions": {
                "code": "STOCK_LOST",
                "stacktrace": ["at stock.rs:42"],
                "serviceName": "stock"
            }
        }])
    );
}

#[tokio::test]
async fn a_failed_subgraph_call_does_not_reveal_the_subgraph_address() {
    let stock = closed_port().await;
    let stack =
        FaultStack::start_configured(spawn(catalog()).await, stock, RouterConfig::default()).await;
    let body = stack.query(QUERY).await;
    assert_eq!(
        body["errors"],
        json!([{
            "message": "Subgraph errors redacted",
            "path": ["products"],
            "extensions": { "code": "SUBGRAPH_REQUEST_FAILED" }
        }])
    );
    assert!(!body.to_string().contains(&stock.to_string()), "{body}");
}

#[tokio::test]
async fn router_errors_are_never_redacted() {
    let stack = start(catalog(), leaky_stock(), "").await;
    let response = stack
        .http
        .post(stack.url())
        .json(&json!({ "query": "{ products { nope } }" }))
        .send()
        .await
        .expect("the router answers");
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    assert_ne!(body["errors"][0]["message"], "Subgraph errors redacted");
}

#[tokio::test]
async fn a_subgraph_the_supergraph_lacks_is_refused() {
    let sdl = compose(closed_port().await, closed_port().await);
    let supergraph = router_server::supergraph_source::parse(&sdl, "faults").expect("loads");
    let config = config("errors:\n  subgraphs:\n    stok:\n      redact: false\n");
    match RouterState::new(supergraph, Arc::new(config)) {
        Err(ServerError::UnknownSubgraph { name, origin, .. }) => {
            assert_eq!(name, "stok");
            assert_eq!(origin, "errors.subgraphs.stok");
        }
        other => panic!("expected UnknownSubgraph, got {other:?}"),
    }
}
