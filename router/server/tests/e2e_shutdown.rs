//! Graceful shutdown: once asked to stop, the router accepts no new connections but finishes
//! the requests already in flight.

#[path = "fault_support/mod.rs"]
mod fault_support;

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::routing::post;
use fault_support::{FaultStack, spawn, stock_entities};
use serde_json::{Value, json};

#[tokio::test]
async fn in_flight_requests_finish_after_shutdown_is_requested() {
    // A stock subgraph that takes 200ms (the fault stack's timeout is 300ms).
    let stock = spawn(Router::new().route(
        "/graphql",
        post(|Json(body): Json<Value>| async move {
            tokio::time::sleep(Duration::from_millis(200)).await;
            Json(stock_entities(&body))
        }),
    ))
    .await;
    let fake = FaultStack::start(stock).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(router_server::serve::serve(
        listener,
        Arc::clone(&fake.app),
        async move {
            let _ = stopped.await;
        },
    ));

    let client = reqwest::Client::new();
    let in_flight = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .post(format!("http://{addr}/graphql"))
                .json(&json!({ "query": "{ products { stock } }" }))
                .send()
                .await
                .expect("the in-flight request is answered")
                .json::<Value>()
                .await
                .expect("JSON")
        }
    });
    // Let the request reach the slow subgraph, then ask the server to stop.
    tokio::time::sleep(Duration::from_millis(80)).await;
    stop.send(()).expect("server still running");

    let body = in_flight.await.expect("request task");
    assert_eq!(
        body,
        json!({ "data": { "products": [ { "stock": 10 }, { "stock": 20 } ] } })
    );
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stops once drained")
        .expect("server task")
        .expect("clean shutdown");
    let refused = client
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await;
    assert!(refused.is_err(), "no new connections after shutdown");
}
