//! Compose mode (`router serve --config supergraph.yaml`): the router composes from the running
//! subgraphs, serves 503 until it can, and follows their schema changes without a restart,
//! without failing a request, and without giving up a good supergraph for a bad composition.

#[path = "../../server/tests/reload_support/mod.rs"]
mod reload_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use reload_support::{LiveSubgraph, RunningRouter, Version, args, eventually, reserve_port};
use serde_json::{Value, json};

const PRODUCTS_WITH_STOCK: &str = "{ products { id name stock } }";

fn products_with_stock() -> Value {
    json!({ "data": { "products": [
        { "id": "1", "name": "Apple", "stock": 10 },
        { "id": "2", "name": "Pear", "stock": 20 }
    ] } })
}

/// Writes rover's config for these two subgraphs and starts the router composing from it.
async fn compose_router(dir: &tempfile::TempDir, catalog: &str, stock: &str) -> RunningRouter {
    let config = dir.path().join("supergraph.yaml");
    std::fs::write(&config, reload_support::rover_config(catalog, stock)).expect("write");
    RunningRouter::start(args(Some(config), None)).await
}

async fn wait_ready(router: &RunningRouter) {
    eventually("the router to be ready", || async {
        (router.ready_status().await == 200).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_field_added_to_a_running_subgraph_is_served_without_restart_or_failed_requests() {
    let catalog = LiveSubgraph::start(Version::V1).await;
    let stock = LiveSubgraph::start(Version::Stock).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let router = Arc::new(compose_router(&dir, &catalog.url(), &stock.url()).await);
    wait_ready(&router).await;
    let (_, unknown) = router.query("{ products { price } }").await;
    assert!(unknown["errors"].is_array(), "no price yet: {unknown}");

    // Clients keep querying across the change; every answer must be complete.
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for _ in 0..4 {
        let (router, stop, answered) = (router.clone(), stop.clone(), answered.clone());
        clients.push(tokio::spawn(async move {
            let mut failures = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let (status, body) = router.query(PRODUCTS_WITH_STOCK).await;
                if status != 200 || body != products_with_stock() {
                    failures.push(format!("HTTP {status}: {body}"));
                }
                answered.fetch_add(1, Ordering::Relaxed);
            }
            failures
        }));
    }
    eventually("clients to be answered", || async {
        (answered.load(Ordering::Relaxed) >= 20).then_some(())
    })
    .await;

    // The rolling restart: the catalog now serves version 2, with `Product.price`.
    catalog.switch_to(Version::V2);
    let priced = eventually("the router to serve Product.price", || async {
        let (status, body) = router.query("{ products { id price stock } }").await;
        (status == 200 && body.get("errors").is_none()).then_some(body)
    })
    .await;
    assert_eq!(
        priced,
        json!({ "data": { "products": [
            { "id": "1", "price": 100, "stock": 10 },
            { "id": "2", "price": 250, "stock": 20 }
        ] } })
    );
    let after_swap = answered.load(Ordering::Relaxed);
    eventually("clients to be answered after the swap", || async {
        (answered.load(Ordering::Relaxed) >= after_swap + 20).then_some(())
    })
    .await;
    stop.store(true, Ordering::Relaxed);
    let mut failures = Vec::new();
    for client in clients {
        failures.extend(client.await.expect("client task"));
    }
    assert_eq!(failures, Vec::<String>::new());
    let status = router.status.borrow().clone();
    assert_eq!(status.supergraphs_loaded, 2, "{status:?}");
    assert_eq!(status.supergraphs_rejected, 0, "{status:?}");
}

#[tokio::test]
async fn a_failed_composition_keeps_the_last_good_supergraph_until_fixed() {
    let catalog = LiveSubgraph::start(Version::V1).await;
    let stock = LiveSubgraph::start(Version::Stock).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let router = compose_router(&dir, &catalog.url(), &stock.url()).await;
    wait_ready(&router).await;
    let served = router.app.current().expect("loaded");

    // The catalog team adds `Product.stock`, which the stock subgraph owns: no composition.
    catalog.switch_to(Version::Clash);
    router
        .wait_status("the clashing composition", |s| s.supergraphs_rejected == 1)
        .await;
    let metrics = router.app.metrics.encode();
    assert!(
        metrics.contains("router_supergraph_reloads_total{result=\"failure\"} 1\n"),
        "{metrics}"
    );
    let still = router.app.current().expect("still loaded");
    assert!(
        Arc::ptr_eq(&served, &still),
        "the last good supergraph stays"
    );
    assert_eq!(router.ready_status().await, 200);
    catalog.switch_to(Version::V1);
    let (status, body) = router.query(PRODUCTS_WITH_STOCK).await;
    assert_eq!((status, body), (200, products_with_stock()));

    // Fixed (and moved on to version 2): composed and served.
    catalog.switch_to(Version::V2);
    router
        .wait_status("the fixed composition", |s| s.supergraphs_loaded == 2)
        .await;
    let (status, body) = router.query("{ products { price } }").await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({ "data": { "products": [ { "price": 100 }, { "price": 250 } ] } })
    );
    let metrics = router.app.metrics.encode();
    for series in [
        r#"router_supergraph_reloads_total{result="success"} 2"#,
        r#"router_supergraph_reloads_total{result="failure"} 1"#,
    ] {
        assert!(metrics.contains(series), "{series} in\n{metrics}");
    }
}

#[tokio::test]
async fn the_router_is_not_ready_until_an_unreachable_subgraph_comes_up() {
    let stock = LiveSubgraph::start(Version::Stock).await;
    let catalog_addr = reserve_port().await;
    let catalog_url = format!("http://{catalog_addr}/graphql");
    let dir = tempfile::tempdir().expect("temp dir");
    let router = compose_router(&dir, &catalog_url, &stock.url()).await;

    router
        .wait_status("two polls without the catalog", |s| s.polls >= 2)
        .await;
    assert_eq!(router.ready_status().await, 503);
    let (status, body) = router.query("{ products { id } }").await;
    assert_eq!(status, 503);
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "SUPERGRAPH_NOT_READY"
    );

    let _catalog = LiveSubgraph::start_on(catalog_addr, Version::V1).await;
    wait_ready(&router).await;
    let (status, body) = router.query(PRODUCTS_WITH_STOCK).await;
    assert_eq!((status, body), (200, products_with_stock()));
}

#[tokio::test]
async fn a_subgraph_unreachable_during_polls_keeps_its_schema() {
    let catalog = LiveSubgraph::start(Version::V1).await;
    let stock = LiveSubgraph::start(Version::Stock).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let router = compose_router(&dir, &catalog.url(), &stock.url()).await;
    wait_ready(&router).await;

    stock.switch_to(Version::Down);
    let polls = router.status.borrow().polls;
    router
        .wait_status("polls while stock is down", |s| s.polls >= polls + 3)
        .await;
    assert_eq!(router.ready_status().await, 200);
    let (status, body) = router.query("{ products { name } }").await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({ "data": { "products": [ { "name": "Apple" }, { "name": "Pear" } ] } })
    );

    // Back up: still the first supergraph (stock never left it), and stock answers again.
    stock.switch_to(Version::Stock);
    let (status, body) = router.query(PRODUCTS_WITH_STOCK).await;
    assert_eq!((status, body), (200, products_with_stock()));
    let status = router.status.borrow().clone();
    assert_eq!(
        (status.supergraphs_loaded, status.supergraphs_rejected),
        (1, 0),
        "{status:?}"
    );
}

/// `router serve --config supergraph.yaml` as a process: the file is recognised as a rover
/// config, the router composes from the live subgraphs, and a failed composition's
/// diagnostics reach the log at error level.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_with_a_rover_config_composes_and_logs_composition_errors() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let catalog = LiveSubgraph::start(Version::V1).await;
    let stock = LiveSubgraph::start(Version::Stock).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("supergraph.yaml");
    std::fs::write(
        &config,
        reload_support::rover_config(&catalog.url(), &stock.url()),
    )
    .expect("write");
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_router"))
            .arg("serve")
            .arg("--config")
            .arg(&config)
            .args(["--listen", "127.0.0.1:0", "--poll-interval", "100ms"])
            .env("NO_COLOR", "1")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start router serve"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let next_line = |what: &str, wanted: &dyn Fn(&str) -> bool| loop {
        let line = received
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("router serve logs {what}"));
        if wanted(&line) {
            return line;
        }
    };
    let addr = next_line("its address", &|l| l.contains("GraphQL at http://"))
        .split("GraphQL at http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("address")
        .to_owned();
    let http = reqwest::Client::new();
    eventually("the composed supergraph", || async {
        let response = http
            .post(format!("http://{addr}/graphql"))
            .json(&json!({ "query": PRODUCTS_WITH_STOCK }))
            .send()
            .await
            .ok()?;
        let body: Value = response.json().await.ok()?;
        (body == products_with_stock()).then_some(())
    })
    .await;

    catalog.switch_to(Version::Clash);
    let logged = next_line("the composition error", &|l| {
        l.contains("INVALID_FIELD_SHARING")
    });
    assert!(logged.contains("ERROR"), "{logged}");
    assert!(logged.contains("Product.stock"), "{logged}");
    next_line("that it keeps the last good supergraph", &|l| {
        l.contains("keeping the last good supergraph")
    });
    let body: Value = http
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": "{ products { id name } }" }))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        body,
        json!({ "data": { "products": [
            { "id": "1", "name": "Apple" },
            { "id": "2", "name": "Pear" }
        ] } })
    );
}

/// Stops the router process however the test ends (a panicking test would leave it holding
/// the test's output open).
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
