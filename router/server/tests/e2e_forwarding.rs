//! What reaches subgraphs besides the query: allow-listed client headers and W3C trace
//! context. A recording stand-in subgraph shows what the router sent.

#[path = "fault_support/mod.rs"]
mod fault_support;

use std::sync::{Arc, Mutex};

use fault_support::{FaultStack, recording_stock, spawn};
use router_server::transport::TraceParent;
use serde_json::json;

#[tokio::test]
async fn allow_listed_headers_and_the_client_trace_reach_subgraphs() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stock = spawn(recording_stock(seen.clone())).await;
    let stack = FaultStack::start(stock).await;
    let client_trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let response = stack
        .http
        .post(stack.url())
        .header("x-user-id", "42")
        .header("authorization", "Bearer t0ken")
        .header("cookie", "session=secret")
        .header("traceparent", client_trace)
        .json(&json!({ "query": "{ products { stock } }" }))
        .send()
        .await
        .expect("answer");
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(
        body,
        json!({ "data": { "products": [ { "stock": 10 }, { "stock": 20 } ] } })
    );
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), 1, "one _entities fetch for both products");
    let headers = &seen[0];
    assert_eq!(headers["x-user-id"], "42");
    assert_eq!(headers["authorization"], "Bearer t0ken");
    assert!(
        headers.get("cookie").is_none(),
        "cookie is not allow-listed"
    );
    let encodings = headers["accept-encoding"].to_str().expect("ascii");
    assert!(
        encodings.contains("gzip") && encodings.contains("br"),
        "compressed answers are accepted: {encodings}"
    );
    assert_eq!(
        headers["accept"],
        "application/graphql-response+json, application/json;q=0.9"
    );
    let sent = TraceParent::parse(headers["traceparent"].to_str().expect("ascii"))
        .expect("a valid traceparent");
    let client = TraceParent::parse(client_trace).expect("valid");
    assert_eq!(sent.trace_id, client.trace_id, "same trace");
    assert_ne!(sent.parent_id, client.parent_id, "the router's own span");
}

#[tokio::test]
async fn a_trace_is_started_when_the_client_sends_none() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stock = spawn(recording_stock(seen.clone())).await;
    let stack = FaultStack::start(stock).await;
    for _ in 0..2 {
        stack.query("{ products { stock } }").await;
    }
    let seen = seen.lock().expect("lock");
    let traces: Vec<TraceParent> = seen
        .iter()
        .map(|h| {
            TraceParent::parse(h["traceparent"].to_str().expect("ascii"))
                .expect("valid traceparent")
        })
        .collect();
    assert_eq!(traces.len(), 2);
    assert_ne!(
        traces[0].trace_id, traces[1].trace_id,
        "one trace per request"
    );
    assert!(seen.iter().all(|h| h.get("x-user-id").is_none()));
}

/// A gzip member holding `data` in one stored (uncompressed) deflate block: valid gzip without
/// a compression library.
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let mut crc: u32 = !0;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let len = u16::try_from(data.len()).expect("small body");
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x01];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&(!crc).to_le_bytes());
    out.extend_from_slice(&u32::try_from(data.len()).expect("small").to_le_bytes());
    out
}

#[tokio::test]
async fn gzip_answers_from_subgraphs_are_decoded() {
    use axum::http::header::{CONTENT_ENCODING, CONTENT_TYPE};
    let stock = spawn(axum::Router::new().route(
        "/graphql",
        axum::routing::post(
            |axum::Json(body): axum::Json<serde_json::Value>| async move {
                let plain = fault_support::stock_entities(&body).to_string();
                (
                    [
                        (CONTENT_TYPE, "application/json"),
                        (CONTENT_ENCODING, "gzip"),
                    ],
                    gzip_stored(plain.as_bytes()),
                )
            },
        ),
    ))
    .await;
    let stack = FaultStack::start(stock).await;
    let body = stack.query("{ products { name stock } }").await;
    assert_eq!(
        body,
        json!({ "data": { "products": [
            { "name": "Apple", "stock": 10 },
            { "name": "Pear", "stock": 20 }
        ] } })
    );
}
