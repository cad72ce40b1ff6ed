//! File mode and `router.yaml`: a supergraph file or a configuration edited while the router
//! runs takes effect without a restart; an invalid edit keeps what is served; a request in
//! flight finishes on the state it started with.

#[path = "reload_support/mod.rs"]
mod reload_support;

use std::path::Path;
use std::sync::Arc;

use reload_support::{
    Gate, LiveSubgraph, RunningRouter, Version, args, eventually, reserve_port, save,
    supergraph_sdl,
};
use serde_json::{Value, json};

const PRODUCTS_WITH_STOCK: &str = "{ products { id name stock } }";
const INTROSPECTION: &str = "{ __schema { queryType { name } } }";

fn products_with_stock() -> Value {
    json!({ "data": { "products": [
        { "id": "1", "name": "Apple", "stock": 10 },
        { "id": "2", "name": "Pear", "stock": 20 }
    ] } })
}

fn error_code(body: &Value) -> &Value {
    &body["errors"][0]["extensions"]["code"]
}

struct Graph {
    catalog: LiveSubgraph,
    stock: LiveSubgraph,
    dir: tempfile::TempDir,
}

impl Graph {
    async fn start(gate: Option<Gate>) -> Self {
        Graph {
            catalog: LiveSubgraph::start_gated(Version::V1, gate).await,
            stock: LiveSubgraph::start(Version::Stock).await,
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Writes the supergraph of catalog `version` and stock to `supergraph.graphql`.
    fn write_supergraph(&self, version: Version) -> std::path::PathBuf {
        let path = self.path("supergraph.graphql");
        save(
            &path,
            &supergraph_sdl(version, &self.catalog.url(), &self.stock.url()),
        );
        path
    }
}

#[tokio::test]
async fn a_changed_supergraph_file_is_served_and_an_invalid_one_is_not() {
    let graph = Graph::start(None).await;
    let file = graph.write_supergraph(Version::V1);
    let router = RunningRouter::start(args(None, Some(file.clone()))).await;
    let (_, body) = router.query("{ products { price } }").await;
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");

    graph.catalog.switch_to(Version::V2);
    graph.write_supergraph(Version::V2);
    let priced = eventually("the new supergraph to be served", || async {
        let (_, body) = router.query("{ products { price } }").await;
        body.get("errors").is_none().then_some(body)
    })
    .await;
    assert_eq!(
        priced,
        json!({ "data": { "products": [ { "price": 100 }, { "price": 250 } ] } })
    );

    save(
        &file,
        "schema @link(url: \"https://specs.apollo.dev/join/v0.3\") { query: Query ",
    );
    router
        .wait_status("the invalid file to be refused", |s| {
            s.supergraphs_rejected == 1
        })
        .await;
    let (status, body) = router.query("{ products { price } }").await;
    assert_eq!(status, 200);
    assert_eq!(body, priced, "the last good supergraph stays");
    assert_eq!(router.ready_status().await, 200);
}

#[tokio::test]
async fn a_request_in_flight_finishes_on_the_supergraph_it_started_with() {
    let gate = Gate::default();
    let graph = Graph::start(Some(gate.clone())).await;
    let file = graph.write_supergraph(Version::V1);
    let router = Arc::new(RunningRouter::start(args(None, Some(file.clone()))).await);

    // The request waits in the catalog (its first fetch) while the supergraph is swapped for
    // one that sends stock (its second fetch) to an address where nothing answers.
    let in_flight = tokio::spawn({
        let router = router.clone();
        async move { router.query(PRODUCTS_WITH_STOCK).await }
    });
    gate.entered().await;
    let nowhere = format!("http://{}/graphql", reserve_port().await);
    save(
        &file,
        &supergraph_sdl(Version::V1, &graph.catalog.url(), &nowhere),
    );
    router
        .wait_status("the swap", |s| s.supergraphs_loaded == 2)
        .await;
    gate.open();

    let (status, body) = in_flight.await.expect("request task");
    assert_eq!((status, body), (200, products_with_stock()));
    let (_, after) = router.query(PRODUCTS_WITH_STOCK).await;
    assert!(
        after["errors"].is_array(),
        "new requests use the new supergraph: {after}"
    );
}

fn write_router_yaml(path: &Path, supergraph: &Path, extra: &str) {
    save(
        path,
        &format!("supergraph:\n  path: {}\n{extra}", supergraph.display()),
    );
}

#[tokio::test]
async fn a_changed_router_yaml_applies_without_restart_and_an_invalid_one_is_ignored() {
    let graph = Graph::start(None).await;
    let supergraph = graph.write_supergraph(Version::V1);
    let config = graph.path("router.yaml");
    write_router_yaml(&config, &supergraph, "");
    let router = RunningRouter::start(args(Some(config.clone()), None)).await;
    let (status, body) = router.query(INTROSPECTION).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({ "data": { "__schema": { "queryType": { "name": "Query" } } } })
    );

    write_router_yaml(&config, &supergraph, "introspection: false\n");
    router
        .wait_status("the new configuration", |s| s.configs_applied == 1)
        .await;
    let (_, body) = router.query(INTROSPECTION).await;
    assert_eq!(error_code(&body), "INTROSPECTION_DISABLED", "{body}");

    write_router_yaml(
        &config,
        &supergraph,
        "introspection: false\nintrospektion: true\n",
    );
    router
        .wait_status("the invalid configuration to be refused", |s| {
            s.configs_rejected == 1
        })
        .await;
    let (_, body) = router.query(INTROSPECTION).await;
    assert_eq!(error_code(&body), "INTROSPECTION_DISABLED", "{body}");
    let (status, body) = router.query(PRODUCTS_WITH_STOCK).await;
    assert_eq!((status, body), (200, products_with_stock()));
}

#[tokio::test]
async fn router_yaml_switching_to_compose_mode_composes_from_the_subgraphs() {
    let graph = Graph::start(None).await;
    let supergraph = graph.write_supergraph(Version::V1);
    let config = graph.path("router.yaml");
    write_router_yaml(&config, &supergraph, "");
    let router = RunningRouter::start(args(Some(config.clone()), None)).await;

    graph.catalog.switch_to(Version::V2);
    let rover = graph.path("supergraph.yaml");
    std::fs::write(
        &rover,
        reload_support::rover_config(&graph.catalog.url(), &graph.stock.url()),
    )
    .expect("write");
    save(
        &config,
        &format!("supergraph:\n  compose: {}\n", rover.display()),
    );
    let priced = eventually("the composed supergraph to be served", || async {
        let (_, body) = router.query("{ products { price stock } }").await;
        body.get("errors").is_none().then_some(body)
    })
    .await;
    assert_eq!(
        priced,
        json!({ "data": { "products": [
            { "price": 100, "stock": 10 },
            { "price": 250, "stock": 20 }
        ] } })
    );
}
