//! W3C trace context and request ids through real HTTP, with the router's telemetry installed
//! as `router serve` installs it: the client's trace continues in the router's spans and
//! reaches the subgraph as the fetch span's context; the response names the router's span; the
//! request id is echoed and forwarded.

#[path = "fault_support/mod.rs"]
mod fault_support;

use std::sync::{Arc, Mutex, OnceLock};

use axum::http::HeaderMap;
use fault_support::{FaultStack, recording_stock, spawn};
use router_server::telemetry::TelemetryGuard;
use router_server::transport::TraceParent;
use serde_json::json;

const CLIENT_TRACE: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/// The process's subscriber with the OpenTelemetry layer (no export), kept for the process.
fn telemetry() {
    static GUARD: OnceLock<TelemetryGuard> = OnceLock::new();
    GUARD.get_or_init(|| {
        router_server::telemetry::init(&Default::default()).expect("telemetry installs")
    });
}

/// Sends `{ products { stock } }` with `headers`; returns the response headers and the
/// headers of the one `stock` fetch.
async fn exchange(headers: &[(&str, &str)]) -> (HeaderMap, HeaderMap) {
    telemetry();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stock = spawn(recording_stock(seen.clone())).await;
    let stack = FaultStack::start(stock).await;
    let mut request = stack
        .http
        .post(stack.url())
        .json(&json!({ "query": "{ products { stock } }" }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("answer");
    assert_eq!(response.status(), 200);
    let response_headers = response.headers().clone();
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert!(body.get("errors").is_none(), "{body}");
    let mut seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), 1, "one _entities fetch");
    (response_headers, seen.remove(0))
}

fn traceparent(headers: &HeaderMap) -> TraceParent {
    TraceParent::parse(
        headers
            .get("traceparent")
            .expect("a traceparent")
            .to_str()
            .expect("ascii"),
    )
    .expect("a valid traceparent")
}

#[tokio::test]
async fn the_client_trace_reaches_the_subgraph_through_the_fetch_span() {
    let (response, subgraph) = exchange(&[("traceparent", CLIENT_TRACE)]).await;
    let client = TraceParent::parse(CLIENT_TRACE).expect("valid");
    let sent = traceparent(&subgraph);
    assert_eq!(
        sent.trace_id, client.trace_id,
        "the subgraph joins the trace"
    );
    assert_ne!(
        sent.parent_id, client.parent_id,
        "its parent is the router's span"
    );
    assert_eq!(sent.flags, 0x01, "sampled, as the client decided");
    let returned = traceparent(&response);
    assert_eq!(returned.trace_id, client.trace_id);
    assert_ne!(returned.parent_id, client.parent_id);
    assert_ne!(
        returned.parent_id, sent.parent_id,
        "the response names the request's span, the subgraph its fetch's"
    );
}

#[tokio::test]
async fn an_unsampled_client_trace_stays_unsampled() {
    let unsampled = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
    let (response, subgraph) = exchange(&[("traceparent", unsampled)]).await;
    let sent = traceparent(&subgraph);
    assert_eq!(sent.trace_id, 0x4bf92f3577b34da6a3ce929d0e0e4736);
    assert_eq!(sent.flags, 0x00);
    assert_eq!(traceparent(&response).flags, 0x00);
}

#[tokio::test]
async fn without_a_client_trace_the_router_starts_one_the_subgraph_shares() {
    let (response, subgraph) = exchange(&[]).await;
    let returned = traceparent(&response);
    let sent = traceparent(&subgraph);
    assert_eq!(sent.trace_id, returned.trace_id);
    assert_eq!(sent.flags, 0x01, "new traces are sampled by default");
}

#[tokio::test]
async fn the_client_request_id_is_echoed_and_forwarded() {
    let (response, subgraph) = exchange(&[("x-request-id", "checkout-7f3a")]).await;
    assert_eq!(response["x-request-id"], "checkout-7f3a");
    assert_eq!(subgraph["x-request-id"], "checkout-7f3a");
}

#[tokio::test]
async fn an_unsafe_request_id_is_replaced_by_a_generated_one() {
    let (response, subgraph) = exchange(&[("x-request-id", "a b {\"c\"}")]).await;
    let id = response["x-request-id"].to_str().expect("ascii");
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert_eq!(subgraph["x-request-id"], id);
}
