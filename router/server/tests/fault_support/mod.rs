//! A two-subgraph graph for fault tests: `catalog` (a well-behaved stand-in that owns
//! `Product.name` and the root fields) and `stock` (`Product.stock: Int!` and
//! `Product.available: Boolean`, reached through `_entities`), played by whatever small axum
//! handler a test passes, or by a closed port. The fault matrix's six-subgraph graph is
//! `plan_shapes`, its hand-written HTTP/1.1 subgraphs `raw`.
#![allow(dead_code)]

pub mod plan_shapes;
pub mod raw;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::http::HeaderMap;
use axum::routing::post;
use router_server::{AppState, RouterConfig, RouterState};
use serde_json::{Value, json};

const CATALOG_SDL: &str = r#"
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query {
  products: [Product!]
  topProduct: Product
}
type Product @key(fields: "id") {
  id: ID!
  name: String!
}
"#;

const STOCK_SDL: &str = r#"
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Product @key(fields: "id") {
  id: ID!
  stock: Int!
  available: Boolean
}
"#;

/// Serves `app` on 127.0.0.1:0.
pub async fn spawn(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    addr
}

/// An address nothing listens on, for the life of the test process: the port stays bound
/// (never listening, so connecting is refused), or a server started by a test running at the
/// same time could be given it.
pub async fn closed_port() -> SocketAddr {
    let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
    socket
        .bind("127.0.0.1:0".parse().expect("address"))
        .expect("bind 127.0.0.1:0");
    let addr = socket.local_addr().expect("address");
    std::mem::forget(socket);
    addr
}

/// `catalog`: two products, whatever the query asks (the router projects what it needs).
pub fn catalog() -> Router {
    Router::new().route(
        "/graphql",
        post(|| async {
            Json(json!({ "data": {
                "products": [
                    { "__typename": "Product", "id": "1", "name": "Apple" },
                    { "__typename": "Product", "id": "2", "name": "Pear" }
                ],
                "topProduct": { "__typename": "Product", "id": "1", "name": "Apple" }
            } }))
        }),
    )
}

/// `catalog` recording the headers of every request it gets.
pub fn recording_catalog(seen: Arc<Mutex<Vec<HeaderMap>>>) -> Router {
    let inner = catalog();
    Router::new()
        .fallback_service(inner)
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                seen.lock().expect("lock").push(request.headers().clone());
                next.run(request)
            },
        ))
}

/// The representations of an `_entities` request body.
pub fn representations(body: &Value) -> Vec<Value> {
    body["variables"]["representations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// A correct `stock` answer: `stock` = id × 10, `available` = true.
pub fn stock_entities(body: &Value) -> Value {
    let entities: Vec<Value> = representations(body)
        .iter()
        .map(|r| {
            let id: i64 = r["id"].as_str().and_then(|s| s.parse().ok()).unwrap_or(0);
            json!({ "__typename": "Product", "id": r["id"], "stock": id * 10, "available": true })
        })
        .collect();
    json!({ "data": { "_entities": entities } })
}

/// A well-behaved `stock` that records the headers of every request it gets.
pub fn recording_stock(seen: Arc<Mutex<Vec<HeaderMap>>>) -> Router {
    Router::new().route(
        "/graphql",
        post(move |headers: HeaderMap, Json(body): Json<Value>| {
            let seen = seen.clone();
            async move {
                seen.lock().expect("lock").push(headers);
                Json(stock_entities(&body))
            }
        }),
    )
}

/// The supergraph SDL of the two-subgraph graph, with these subgraph addresses.
pub fn compose(catalog_addr: SocketAddr, stock_addr: SocketAddr) -> String {
    composition::compose(&[
        composition::SubgraphSdl::new(
            "catalog",
            format!("http://{catalog_addr}/graphql"),
            CATALOG_SDL,
        ),
        composition::SubgraphSdl::new("stock", format!("http://{stock_addr}/graphql"), STOCK_SDL),
    ])
    .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)))
    .sdl
}

pub struct FaultStack {
    pub router: SocketAddr,
    pub state: Arc<RouterState>,
    pub app: Arc<AppState>,
    pub http: reqwest::Client,
}

impl FaultStack {
    /// The router in front of the fake catalog and `stock` at `stock_addr`, with a short
    /// timeout so slow subgraphs fail fast.
    pub async fn start(stock_addr: SocketAddr) -> FaultStack {
        Self::start_with_catalog(spawn(catalog()).await, stock_addr).await
    }

    pub async fn start_with_catalog(
        catalog_addr: SocketAddr,
        stock_addr: SocketAddr,
    ) -> FaultStack {
        let mut config = RouterConfig::default();
        // Fault tests check the router's messages about failed subgraphs.
        config.errors = router_server::config::ErrorsConfig::pass_through();
        config.subgraphs.entry("all").timeout = Some(Duration::from_millis(300).into());
        config
            .headers
            .propagate_to_all(&["x-user-id", "authorization"]);
        Self::start_configured(catalog_addr, stock_addr, config).await
    }

    /// The router with `config` in front of the two subgraphs.
    pub async fn start_configured(
        catalog_addr: SocketAddr,
        stock_addr: SocketAddr,
        config: RouterConfig,
    ) -> FaultStack {
        let sdl = compose(catalog_addr, stock_addr);
        let supergraph = router_server::supergraph_source::parse(&sdl, "faults")
            .expect("the composed supergraph loads");
        let state = RouterState::new(supergraph, Arc::new(config)).expect("router state");
        let app = AppState::ready(state);
        let state = app.current().expect("just loaded");
        let router = spawn(router_server::app(app.clone())).await;
        FaultStack {
            router,
            state,
            app,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}/graphql", self.router)
    }

    /// POSTs `query` and returns the body; HTTP 200 expected (partial responses have data).
    pub async fn query(&self, query: &str) -> Value {
        let response = self
            .http
            .post(format!("http://{}/graphql", self.router))
            .header("accept", "application/graphql-response+json")
            .json(&json!({ "query": query }))
            .send()
            .await
            .expect("the router answers");
        assert_eq!(response.status(), 200);
        response.json().await.expect("JSON")
    }
}
