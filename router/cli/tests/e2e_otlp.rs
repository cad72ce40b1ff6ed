//! OTLP export end to end: `router serve` (a real process, `OTEL_EXPORTER_OTLP_ENDPOINT` set)
//! and the real products subgraph (the kit's telemetry, in this process) send their spans to
//! an OTLP/HTTP receiver on 127.0.0.1:0, which decodes them with opentelemetry-proto. One
//! client trace holds the router's request, parse, plan, execute and fetch spans and the
//! subgraph's request span, the latter a child of the router's fetch.

#[path = "process_support/mod.rs"]
mod process_support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as AnyValue;
use process_support::RouterProcess;
use prost::Message;
use serde_json::{Value, json};
use subgraph_kit::config::LogFormat;
use subgraph_kit::seed::SeedSize;
use subgraph_kit::telemetry::Export;
use subgraph_kit::testing::{TestDatabase, spawn};

const CLIENT_TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

/// One exported span, flattened.
#[derive(Debug, Clone)]
struct Received {
    service: String,
    name: String,
    trace_id: String,
    span_id: String,
    parent_span_id: String,
    attributes: HashMap<String, String>,
}

type Spans = Arc<Mutex<Vec<Received>>>;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn text(value: Option<&AnyValue>) -> String {
    match value {
        Some(AnyValue::StringValue(s)) => s.clone(),
        Some(AnyValue::IntValue(i)) => i.to_string(),
        Some(AnyValue::BoolValue(b)) => b.to_string(),
        Some(AnyValue::DoubleValue(d)) => d.to_string(),
        other => format!("{other:?}"),
    }
}

/// `POST /v1/traces` with a protobuf `ExportTraceServiceRequest`.
async fn receive(State(spans): State<Spans>, body: Bytes) -> Vec<u8> {
    let request = ExportTraceServiceRequest::decode(body).expect("an OTLP protobuf request");
    let mut spans = spans.lock().expect("lock");
    for resource_spans in request.resource_spans {
        let service = resource_spans
            .resource
            .iter()
            .flat_map(|r| &r.attributes)
            .find(|kv| kv.key == "service.name")
            .map(|kv| text(kv.value.as_ref().and_then(|v| v.value.as_ref())))
            .unwrap_or_default();
        for span in resource_spans.scope_spans.into_iter().flat_map(|s| s.spans) {
            spans.push(Received {
                service: service.clone(),
                name: span.name,
                trace_id: hex(&span.trace_id),
                span_id: hex(&span.span_id),
                parent_span_id: hex(&span.parent_span_id),
                attributes: span
                    .attributes
                    .iter()
                    .map(|kv| {
                        (
                            kv.key.clone(),
                            text(kv.value.as_ref().and_then(|v| v.value.as_ref())),
                        )
                    })
                    .collect(),
            });
        }
    }
    // An empty ExportTraceServiceResponse.
    Vec::new()
}

async fn receiver() -> (SocketAddr, Spans) {
    let spans = Spans::default();
    let app = Router::new()
        .route("/v1/traces", post(receive))
        .with_state(spans.clone());
    (spawn(app).await, spans)
}

/// Waits until `done` holds for the received spans (exports are asynchronous).
async fn wait_for(spans: &Spans, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
    for _ in 0..100 {
        {
            let spans = spans.lock().expect("lock");
            if done(&spans) {
                return spans.clone();
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the expected spans never arrived; got {:#?}",
        spans.lock().expect("lock")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn router_and_subgraph_spans_reach_the_collector_in_one_trace() {
    let (collector, spans) = receiver().await;
    subgraph_kit::telemetry::init_with(
        LogFormat::Text,
        "products",
        Some(&Export::Http(format!("http://{collector}/v1/traces"))),
    )
    .expect("the kit's telemetry installs");
    let database = TestDatabase::sqlite().await;
    products::setup(&database.db, SeedSize::TEST)
        .await
        .expect("set up products");
    let products_addr = spawn(products::app(database.db.clone())).await;
    let composed = composition::compose(&[composition::SubgraphSdl::new(
        products::NAME,
        format!("http://{products_addr}/graphql"),
        products::sdl(),
    )])
    .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)));
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("supergraph.graphql");
    std::fs::write(&path, composed.sdl).expect("write the supergraph");

    let router = RouterProcess::start(
        &path,
        &[],
        &[
            (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                &format!("http://{collector}"),
            ),
            ("RUST_LOG", "warn,router=info"),
        ],
    );
    let body: Value = reqwest::Client::new()
        .post(router.url("/graphql"))
        .header(
            "traceparent",
            format!("00-{CLIENT_TRACE_ID}-00f067aa0ba902b7-01"),
        )
        .json(&json!({ "query": "query OneProduct { product(id: \"1\") { name } }" }))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("JSON");
    assert!(body["data"]["product"]["name"].is_string(), "{body}");
    // Shutdown exports what the batch processor still holds.
    router.stop().await;
    tokio::task::spawn_blocking(subgraph_kit::telemetry::flush)
        .await
        .expect("flush");

    let received = wait_for(&spans, |spans| {
        spans
            .iter()
            .any(|s| s.service == "router" && s.name == "subgraph_fetch")
            && spans.iter().any(|s| s.service == "products")
    })
    .await;
    let router_spans: Vec<&Received> = received.iter().filter(|s| s.service == "router").collect();
    for name in [
        "POST /graphql",
        "graphql_request",
        "parse",
        "plan",
        "execute",
        "subgraph_fetch",
    ] {
        let span = router_spans
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no router span {name}: {router_spans:#?}"));
        assert_eq!(
            span.trace_id, CLIENT_TRACE_ID,
            "{name} continues the client's trace"
        );
    }
    let request = router_spans
        .iter()
        .find(|s| s.name == "POST /graphql")
        .expect("the request span");
    assert_eq!(
        request.parent_span_id, "00f067aa0ba902b7",
        "child of the client's span"
    );
    assert_eq!(request.attributes["http.response.status_code"], "200");
    let operation = router_spans
        .iter()
        .find(|s| s.name == "graphql_request")
        .expect("graphql_request");
    assert_eq!(operation.attributes["graphql.operation.name"], "OneProduct");
    assert_eq!(operation.parent_span_id, request.span_id);
    let fetch = router_spans
        .iter()
        .find(|s| s.name == "subgraph_fetch")
        .expect("a fetch span");
    assert_eq!(fetch.attributes["subgraph.name"], "products");
    assert_eq!(fetch.attributes["http.response.status_code"], "200");

    let subgraph = received
        .iter()
        .find(|s| s.service == "products" && s.name == "POST /graphql")
        .unwrap_or_else(|| panic!("no products request span: {received:#?}"));
    assert_eq!(
        subgraph.trace_id, CLIENT_TRACE_ID,
        "the subgraph joins the trace"
    );
    assert_eq!(
        subgraph.parent_span_id, fetch.span_id,
        "the subgraph's request is a child of the router's fetch"
    );
}
