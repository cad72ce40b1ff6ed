//! Header rules through real HTTP: two subgraphs that record every header they receive show
//! what the router sent each of them (deny by default; propagate, rename, default, insert and
//! remove per subgraph; hop-by-hop headers never).

#[path = "fault_support/mod.rs"]
mod fault_support;

use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;
use fault_support::{FaultStack, recording_catalog, recording_stock, spawn};
use router_server::{RouterConfig, RouterState};
use serde_json::json;

type Seen = Arc<Mutex<Vec<HeaderMap>>>;

struct Recorded {
    stack: FaultStack,
    catalog: Seen,
    stock: Seen,
    stock_addr: std::net::SocketAddr,
}

async fn start(config: RouterConfig) -> Recorded {
    let catalog: Seen = Arc::default();
    let stock: Seen = Arc::default();
    let catalog_addr = spawn(recording_catalog(catalog.clone())).await;
    let stock_addr = spawn(recording_stock(stock.clone())).await;
    let stack = FaultStack::start_configured(catalog_addr, stock_addr, config).await;
    Recorded {
        stack,
        catalog,
        stock,
        stock_addr,
    }
}

impl Recorded {
    /// Runs a query reaching both subgraphs with `headers`; returns what each one received.
    async fn send(&self, headers: &[(&str, &str)]) -> (HeaderMap, HeaderMap) {
        let mut request = self
            .stack
            .http
            .post(self.stack.url())
            .json(&json!({ "query": "{ products { name stock } }" }));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body: serde_json::Value = request
            .send()
            .await
            .expect("answer")
            .json()
            .await
            .expect("JSON");
        assert_eq!(body["data"]["products"][1]["stock"], 20, "{body:#}");
        let last = |seen: &Seen| seen.lock().expect("lock").pop().expect("a request");
        (last(&self.catalog), last(&self.stock))
    }
}

fn rules(yaml: &str) -> RouterConfig {
    RouterConfig::from_yaml(yaml, "test").expect("valid configuration")
}

fn value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).map(|v| v.to_str().expect("ascii"))
}

#[tokio::test]
async fn without_rules_no_client_header_reaches_a_subgraph() {
    let recorded = start(RouterConfig::default()).await;
    let (catalog, stock) = recorded
        .send(&[
            ("x-user-id", "42"),
            ("authorization", "Bearer t0ken"),
            ("cookie", "session=secret"),
            ("x-tenant", "acme"),
        ])
        .await;
    for headers in [&catalog, &stock] {
        for name in ["x-user-id", "authorization", "cookie", "x-tenant"] {
            assert!(headers.get(name).is_none(), "{name} leaked: {headers:?}");
        }
        assert_eq!(value(headers, "content-type"), Some("application/json"));
        assert!(headers.contains_key("traceparent"));
    }
}

#[tokio::test]
async fn rules_propagate_rename_default_insert_and_remove_per_subgraph() {
    let recorded = start(rules(
        r#"
headers:
  all:
    request:
      - propagate: { named: x-user-id }
      - propagate: { matching: "^x-exp-" }
      - insert: { name: x-source, value: router }
  stock:
    request:
      - propagate: { named: x-tenant, rename: x-stock-tenant, default: public }
      - remove: { named: x-exp-secret }
      - remove: { matching: "^x-source$" }
"#,
    ))
    .await;
    let (catalog, stock) = recorded
        .send(&[
            ("x-user-id", "42"),
            ("x-exp-color", "blue"),
            ("x-exp-secret", "s3cret"),
            ("x-tenant", "acme"),
            ("cookie", "session=secret"),
        ])
        .await;
    assert_eq!(value(&catalog, "x-user-id"), Some("42"));
    assert_eq!(value(&catalog, "x-exp-color"), Some("blue"));
    assert_eq!(value(&catalog, "x-exp-secret"), Some("s3cret"));
    assert_eq!(value(&catalog, "x-source"), Some("router"));
    assert!(catalog.get("x-tenant").is_none() && catalog.get("x-stock-tenant").is_none());
    assert!(catalog.get("cookie").is_none());

    assert_eq!(value(&stock, "x-user-id"), Some("42"));
    assert_eq!(value(&stock, "x-exp-color"), Some("blue"));
    assert!(stock.get("x-exp-secret").is_none(), "removed for stock");
    assert!(stock.get("x-source").is_none(), "removed for stock");
    assert_eq!(value(&stock, "x-stock-tenant"), Some("acme"), "renamed");
    assert!(stock.get("x-tenant").is_none(), "only under its new name");

    let (_, stock) = recorded.send(&[]).await;
    assert_eq!(
        value(&stock, "x-stock-tenant"),
        Some("public"),
        "the default"
    );
    assert!(stock.get("x-user-id").is_none());
}

#[tokio::test]
async fn repeated_client_headers_keep_every_value() {
    let recorded = start(rules(
        "headers: { all: { request: [ { propagate: { named: x-role } } ] } }",
    ))
    .await;
    let (catalog, _) = recorded.send(&[("x-role", "a"), ("x-role", "b")]).await;
    let roles: Vec<&str> = catalog
        .get_all("x-role")
        .iter()
        .map(|v| v.to_str().expect("ascii"))
        .collect();
    assert_eq!(roles, ["a", "b"]);
}

#[tokio::test]
async fn hop_by_hop_headers_are_never_propagated() {
    let recorded = start(rules(
        r#"headers: { all: { request: [ { propagate: { matching: "." } } ] } }"#,
    ))
    .await;
    let (_, stock) = recorded
        .send(&[
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "only for the first hop"),
            ("te", "trailers"),
            ("x-fine", "passes"),
            ("accept", "application/json"),
        ])
        .await;
    assert_eq!(value(&stock, "x-fine"), Some("passes"));
    assert!(
        stock.get("x-hop").is_none(),
        "named by the client's Connection"
    );
    assert!(stock.get("te").is_none());
    assert_ne!(value(&stock, "connection"), Some("keep-alive, x-hop"));
    assert_eq!(
        value(&stock, "host"),
        Some(recorded.stock_addr.to_string().as_str()),
        "the subgraph's own host, not the router's"
    );
    assert_eq!(
        value(&stock, "accept"),
        Some("application/graphql-response+json, application/json;q=0.9"),
        "the router's own accept"
    );
}

#[tokio::test]
async fn reloaded_rules_apply_to_the_next_request() {
    let recorded = start(RouterConfig::default()).await;
    let (catalog, _) = recorded.send(&[("x-user-id", "42")]).await;
    assert!(catalog.get("x-user-id").is_none());
    let mut config = RouterConfig::default();
    config.headers.propagate_to_all(&["x-user-id"]);
    let reloaded = RouterState::new((*recorded.stack.state.supergraph).clone(), Arc::new(config))
        .expect("state");
    recorded.stack.app.replace(reloaded);
    let (catalog, stock) = recorded.send(&[("x-user-id", "42")]).await;
    assert_eq!(value(&catalog, "x-user-id"), Some("42"));
    assert_eq!(value(&stock, "x-user-id"), Some("42"));
}

#[tokio::test]
async fn a_rule_for_an_unknown_subgraph_or_a_framing_header_is_refused() {
    let catalog = spawn(fault_support::catalog()).await;
    let sdl = fault_support::compose(catalog, catalog);
    let supergraph = router_server::supergraph_source::parse(&sdl, "test").expect("supergraph");
    let unknown = rules("headers: { reviews: { request: [ { propagate: { named: a } } ] } }");
    let error = RouterState::new(supergraph.clone(), Arc::new(unknown)).expect_err("unknown");
    assert!(error.to_string().contains("\"reviews\""), "{error}");
    // Found when router.yaml is read, before any supergraph.
    let framing = RouterConfig::from_yaml(
        "headers: { all: { request: [ { propagate: { named: content-length } } ] } }",
        "router.yaml",
    )
    .expect_err("framing");
    assert!(
        framing.to_string().contains("headers.all.request[0]"),
        "{framing}"
    );
    // And by the state, for configurations built in code.
    let mut in_code = RouterConfig::default();
    in_code.headers.propagate_to_all(&["content-length"]);
    let error = RouterState::new(supergraph, Arc::new(in_code)).expect_err("framing");
    assert!(error.to_string().contains("never propagated"), "{error}");
}
