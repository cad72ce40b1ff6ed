//! `router serve`'s log lines (a real process): JSON lines (`LOG_FORMAT=json`, `--log-json` or
//! `telemetry.logs.format`) are one object each, and every line written while serving a request
//! carries that request's id and trace id; the optional access line too, in text as in JSON.

#[path = "../../server/tests/fault_support/mod.rs"]
mod fault_support;
#[path = "process_support/mod.rs"]
mod process_support;

use std::path::{Path, PathBuf};

use fault_support::{catalog, closed_port, compose, recording_stock, spawn};
use process_support::RouterProcess;
use serde_json::{Value, json};

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

/// The two-subgraph supergraph in `dir`, its subgraphs running.
async fn supergraph(dir: &Path) -> PathBuf {
    let catalog_addr = spawn(catalog()).await;
    let stock_addr = spawn(recording_stock(Default::default())).await;
    let path = dir.join("supergraph.graphql");
    std::fs::write(&path, compose(catalog_addr, stock_addr)).expect("write the supergraph");
    path
}

/// One query with a request id and a client trace.
async fn query(router: &RouterProcess, request_id: &str) {
    let response = reqwest::Client::new()
        .post(router.url("/graphql"))
        .header("x-request-id", request_id)
        .header("traceparent", format!("00-{TRACE_ID}-00f067aa0ba902b7-01"))
        .json(&json!({ "query": "query Stock { products { name stock } }" }))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], request_id);
}

/// The `http_request` span of a JSON line, if it was written inside one.
fn request_span(line: &Value) -> Option<&Value> {
    line["spans"]
        .as_array()?
        .iter()
        .find(|span| span["name"] == "http_request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_lines_of_a_request_carry_its_request_id_and_trace_id() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = supergraph(dir.path()).await;
    let router = RouterProcess::start(
        &path,
        &[],
        &[("LOG_FORMAT", "json"), ("RUST_LOG", "info,router=debug")],
    );
    query(&router, "log-test-1").await;
    let lines = router.stop().await;

    let parsed: Vec<Value> = lines
        .iter()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not a JSON line: {line}"))
        })
        .collect();
    for line in &parsed {
        for key in ["timestamp", "level", "message", "target"] {
            assert!(line.get(key).is_some(), "no {key}: {line}");
        }
    }
    let of_request: Vec<&Value> = parsed
        .iter()
        .filter(|line| request_span(line).is_some())
        .collect();
    assert!(
        of_request.len() >= 2,
        "the request's debug lines (executing, subgraph answered): {lines:#?}"
    );
    for line in &of_request {
        let span = request_span(line).expect("filtered");
        assert_eq!(span["request_id"], "log-test-1", "{line}");
        assert_eq!(span["trace_id"], TRACE_ID, "{line}");
    }
    assert!(
        of_request
            .iter()
            .any(|line| line["message"] == "subgraph answered"
                && line["span"]["subgraph.name"].is_string()),
        "the fetch's line names its subgraph: {of_request:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_info_a_failed_fetch_line_names_its_subgraph_and_carries_the_request_context() {
    // At `info` the log layer keeps only the request's spans (the stage and fetch spans go to
    // OpenTelemetry alone), so the fetch's own line must say which subgraph failed.
    let dir = tempfile::tempdir().expect("temporary folder");
    let catalog_addr = spawn(catalog()).await;
    let path = dir.path().join("supergraph.graphql");
    std::fs::write(&path, compose(catalog_addr, closed_port().await))
        .expect("write the supergraph");
    let router = RouterProcess::start(&path, &[], &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")]);
    query(&router, "log-test-down").await;
    let lines = router.stop().await;
    let failed: Vec<Value> = lines
        .iter()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["message"] == "subgraph fetch failed")
        .collect();
    assert_eq!(failed.len(), 1, "{lines:#?}");
    let line = &failed[0];
    assert_eq!(line["level"], "WARN", "{line}");
    assert_eq!(line["subgraph"], "stock", "{line}");
    let span = request_span(line).expect("inside the request");
    assert_eq!(span["request_id"], "log-test-down", "{line}");
    assert_eq!(span["trace_id"], TRACE_ID, "{line}");
    let names: Vec<&str> = line["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .filter_map(|span| span["name"].as_str())
        .collect();
    assert_eq!(names, ["http_request", "graphql_request"], "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_line_follows_the_configured_format() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = supergraph(dir.path()).await;
    let config = dir.path().join("router.yaml");
    std::fs::write(
        &config,
        "telemetry:\n  logs:\n    format: json\n    access: true\n    level: info\n",
    )
    .expect("write router.yaml");
    let router = RouterProcess::start(&path, &["--config", config.to_str().expect("utf-8")], &[]);
    query(&router, "access-json").await;
    let lines = router.stop().await;
    let access: Vec<Value> = lines
        .iter()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|line| line["message"] == "request completed")
        .collect();
    assert_eq!(access.len(), 1, "{lines:#?}");
    assert_eq!(access[0]["status"], 200);
    assert_eq!(access[0]["level"], "INFO");
    assert_eq!(
        request_span(&access[0]).expect("inside the request")["request_id"],
        "access-json"
    );

    // Text: the same line, the span's fields in its prefix.
    std::fs::write(&config, "telemetry:\n  logs:\n    access: true\n").expect("write router.yaml");
    let router = RouterProcess::start(&path, &["--config", config.to_str().expect("utf-8")], &[]);
    query(&router, "access-text").await;
    let lines = router.stop().await;
    let line = lines
        .iter()
        .find(|line| line.contains("request completed"))
        .unwrap_or_else(|| panic!("no access line: {lines:#?}"));
    assert!(line.contains("request_id=access-text"), "{line}");
    assert!(line.contains(&format!("trace_id={TRACE_ID}")), "{line}");
    assert!(line.contains("status=200"), "{line}");
}
