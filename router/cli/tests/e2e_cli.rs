//! `router serve` as a process: flags and `SUBGRAPH_<NAME>_URL` override the supergraph's
//! URLs, `/health` answers once loaded, and SIGTERM stops it cleanly.

#[path = "../../server/tests/fault_support/mod.rs"]
mod fault_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use fault_support::{catalog, closed_port, compose, recording_stock, spawn};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_uses_overridden_urls_reports_health_and_stops_on_sigterm() {
    let catalog_addr = spawn(catalog()).await;
    let stock_addr = spawn(recording_stock(Default::default())).await;
    // The file points both subgraphs at nothing; the environment and a flag fix that.
    let sdl = compose(closed_port().await, closed_port().await);
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("supergraph.graphql");
    std::fs::write(&path, sdl).expect("write the supergraph");

    let mut child = Command::new(env!("CARGO_BIN_EXE_router"))
        .arg("serve")
        .arg("--supergraph")
        .arg(&path)
        .args(["--listen", "127.0.0.1:0"])
        .arg("--subgraph-url")
        .arg(format!("catalog=http://{catalog_addr}/graphql"))
        .env("SUBGRAPH_STOCK_URL", format!("http://{stock_addr}/graphql"))
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start router serve");

    // The listening address is in the log line "router listening: GraphQL at http://ADDR/graphql".
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        // Keep reading after the receiver is gone: a closed pipe would fail the server's writes.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let addr = loop {
        let line = received
            .recv_timeout(Duration::from_secs(30))
            .expect("router serve logs its address");
        if let Some(rest) = line.split("GraphQL at http://").nth(1) {
            break rest.split('/').next().expect("address").to_owned();
        }
    };

    let client = reqwest::Client::new();
    let health = client
        .get(format!("http://{addr}/health"))
        .send()
        .await
        .expect("health answers");
    assert_eq!(health.status(), 200);
    let body: Value = client
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": "{ products { name stock } }" }))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        body,
        json!({ "data": { "products": [
            { "name": "Apple", "stock": 10 },
            { "name": "Pear", "stock": 20 }
        ] } })
    );

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    let exit = tokio::task::spawn_blocking(move || child.wait())
        .await
        .expect("wait task")
        .expect("the router exits");
    assert!(exit.success(), "router serve exited with {exit}");
}

#[test]
fn serve_refuses_a_missing_supergraph_with_a_clear_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_router"))
        .args([
            "serve",
            "--supergraph",
            "/nonexistent/supergraph.graphql",
            "--port",
            "0",
        ])
        .output()
        .expect("run router serve");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read the supergraph /nonexistent/supergraph.graphql"),
        "{stderr}"
    );
}
