//! Reload tests' cast: two real async-graphql subgraphs, `catalog` (the root fields and
//! `Product.name`, with versions that gain `Product.price` or clash with `stock`) and `stock`
//! (`Product.stock` through `_entities`); a catalog's version is swapped behind its listener
//! while it runs, as a rolling restart does. Plus the router started the way `router serve`
//! starts it (a [`Reloader`] and the HTTP app), and a deadline loop for waiting.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use async_graphql::{EmptyMutation, EmptySubscription, ID, Object, Schema, SimpleObject};
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use router_server::ServeArgs;
use router_server::reload::{ReloadStatus, Reloader};
use serde_json::{Value, json};
use tokio::sync::{Notify, watch};

pub const POLL: Duration = Duration::from_millis(100);
const DEADLINE: Duration = Duration::from_secs(20);

// ---- catalog, version 1: products with a name ----

#[derive(SimpleObject)]
#[graphql(name = "Product")]
struct ProductV1 {
    id: ID,
    name: String,
}

struct QueryV1;

#[Object(name = "Query")]
impl QueryV1 {
    async fn products(&self, ctx: &async_graphql::Context<'_>) -> Vec<ProductV1> {
        if let Some(gate) = ctx.data_opt::<Gate>() {
            gate.pass().await;
        }
        [("1", "Apple"), ("2", "Pear")]
            .into_iter()
            .map(|(id, name)| ProductV1 {
                id: ID::from(id),
                name: name.to_owned(),
            })
            .collect()
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> ProductV1 {
        ProductV1 {
            name: format!("product {}", id.as_str()),
            id,
        }
    }
}

// ---- catalog, version 2: the same plus a price ----

#[derive(SimpleObject)]
#[graphql(name = "Product")]
struct ProductV2 {
    id: ID,
    name: String,
    price: i32,
}

struct QueryV2;

#[Object(name = "Query")]
impl QueryV2 {
    async fn products(&self) -> Vec<ProductV2> {
        [("1", "Apple", 100), ("2", "Pear", 250)]
            .into_iter()
            .map(|(id, name, price)| ProductV2 {
                id: ID::from(id),
                name: name.to_owned(),
                price,
            })
            .collect()
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> ProductV2 {
        ProductV2 {
            name: format!("product {}", id.as_str()),
            id,
            price: 1,
        }
    }
}

// ---- catalog, clashing: also defines `stock`, which the stock subgraph owns ----

#[derive(SimpleObject)]
#[graphql(name = "Product")]
struct ProductClash {
    id: ID,
    name: String,
    stock: i32,
}

struct QueryClash;

#[Object(name = "Query")]
impl QueryClash {
    async fn products(&self) -> Vec<ProductClash> {
        [("1", "Apple"), ("2", "Pear")]
            .into_iter()
            .map(|(id, name)| ProductClash {
                id: ID::from(id),
                name: name.to_owned(),
                stock: 0,
            })
            .collect()
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> ProductClash {
        ProductClash {
            id,
            name: String::new(),
            stock: 0,
        }
    }
}

// ---- stock ----

#[derive(SimpleObject)]
#[graphql(name = "Product")]
struct StockProduct {
    id: ID,
    stock: i32,
}

struct StockQuery;

#[Object(name = "Query")]
impl StockQuery {
    /// Whether the warehouse answers (a root field of its own).
    async fn warehouse_open(&self) -> bool {
        true
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> StockProduct {
        let stock = id.as_str().parse::<i32>().unwrap_or(0) * 10;
        StockProduct { id, stock }
    }
}

/// Holds `catalog` v1's `products` resolver until opened (then lets every request through),
/// and says when a request waits at it.
#[derive(Clone)]
pub struct Gate {
    entered: Arc<Notify>,
    open: Arc<watch::Sender<bool>>,
}

impl Default for Gate {
    fn default() -> Self {
        Self {
            entered: Arc::new(Notify::new()),
            open: Arc::new(watch::Sender::new(false)),
        }
    }
}

impl Gate {
    async fn pass(&self) {
        let mut open = self.open.subscribe();
        self.entered.notify_one();
        let _ = open.wait_for(|open| *open).await;
    }

    /// Resolves once a request waits at the gate.
    pub async fn entered(&self) {
        self.entered.notified().await;
    }

    pub fn open(&self) {
        self.open.send_replace(true);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
    Clash,
    Stock,
    /// Answers every request with HTTP 503, as a subgraph mid-restart does.
    Down,
}

enum Served {
    V1(Schema<QueryV1, EmptyMutation, EmptySubscription>),
    V2(Schema<QueryV2, EmptyMutation, EmptySubscription>),
    Clash(Schema<QueryClash, EmptyMutation, EmptySubscription>),
    Stock(Schema<StockQuery, EmptyMutation, EmptySubscription>),
    Down,
}

impl Served {
    fn new(version: Version, gate: Option<Gate>) -> Self {
        match version {
            Version::V1 => {
                let mut builder =
                    Schema::build(QueryV1, EmptyMutation, EmptySubscription).enable_federation();
                if let Some(gate) = gate {
                    builder = builder.data(gate);
                }
                Served::V1(builder.finish())
            }
            Version::V2 => Served::V2(
                Schema::build(QueryV2, EmptyMutation, EmptySubscription)
                    .enable_federation()
                    .finish(),
            ),
            Version::Clash => Served::Clash(
                Schema::build(QueryClash, EmptyMutation, EmptySubscription)
                    .enable_federation()
                    .finish(),
            ),
            Version::Stock => Served::Stock(
                Schema::build(StockQuery, EmptyMutation, EmptySubscription)
                    .enable_federation()
                    .finish(),
            ),
            Version::Down => Served::Down,
        }
    }

    async fn answer(&self, request: async_graphql::Request) -> Response {
        let response = match self {
            Served::V1(schema) => schema.execute(request).await,
            Served::V2(schema) => schema.execute(request).await,
            Served::Clash(schema) => schema.execute(request).await,
            Served::Stock(schema) => schema.execute(request).await,
            Served::Down => return (StatusCode::SERVICE_UNAVAILABLE, "restarting").into_response(),
        };
        Json(response).into_response()
    }
}

/// A running subgraph whose version can change under the same address.
pub struct LiveSubgraph {
    pub addr: SocketAddr,
    served: Arc<ArcSwap<Served>>,
}

impl LiveSubgraph {
    pub async fn start(version: Version) -> Self {
        Self::start_gated(version, None).await
    }

    /// `gate` holds v1's `products` (the other versions ignore it).
    pub async fn start_gated(version: Version, gate: Option<Gate>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        Self::serve(listener, version, gate)
    }

    /// Starts on `addr` (a port reserved earlier, see [`reserve_port`]).
    pub async fn start_on(addr: SocketAddr, version: Version) -> Self {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .expect("bind the reserved port");
        Self::serve(listener, version, None)
    }

    fn serve(listener: tokio::net::TcpListener, version: Version, gate: Option<Gate>) -> Self {
        let addr = listener.local_addr().expect("address");
        let served = Arc::new(ArcSwap::from_pointee(Served::new(version, gate)));
        let app = Router::new()
            .route(
                "/graphql",
                post(
                    |State(served): State<Arc<ArcSwap<Served>>>,
                     Json(request): Json<async_graphql::Request>| async move {
                        // The version serving when the request arrived answers it, as the
                        // old process does during a rolling restart.
                        served.load_full().answer(request).await
                    },
                ),
            )
            .with_state(served.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        LiveSubgraph { addr, served }
    }

    /// New requests see `version` from now on; requests in flight finish on the old one.
    pub fn switch_to(&self, version: Version) {
        self.served.store(Arc::new(Served::new(version, None)));
    }

    pub fn url(&self) -> String {
        format!("http://{}/graphql", self.addr)
    }

    /// This subgraph's SDL, as `_service { sdl }` answers it.
    pub fn sdl(version: Version) -> String {
        match Served::new(version, None) {
            Served::V1(s) => sdl_of(&s),
            Served::V2(s) => sdl_of(&s),
            Served::Clash(s) => sdl_of(&s),
            Served::Stock(s) => sdl_of(&s),
            Served::Down => String::new(),
        }
    }
}

fn sdl_of<Q: async_graphql::ObjectType + 'static>(
    schema: &Schema<Q, EmptyMutation, EmptySubscription>,
) -> String {
    schema.sdl_with_options(
        async_graphql::SDLExportOptions::new()
            .federation()
            .compose_directive(),
    )
}

/// An address nothing listens on yet.
pub async fn reserve_port() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    listener.local_addr().expect("address")
}

/// rover's `supergraph.yaml` composing `catalog` and `stock` from their running schemas.
pub fn rover_config(catalog: &str, stock: &str) -> String {
    format!(
        "federation_version: =2.5.0\n\
         subgraphs:\n\
         \x20 catalog:\n\
         \x20   routing_url: {catalog}\n\
         \x20   schema:\n\
         \x20     subgraph_url: {catalog}\n\
         \x20 stock:\n\
         \x20   routing_url: {stock}\n\
         \x20   schema:\n\
         \x20     subgraph_url: {stock}\n"
    )
}

/// The supergraph of `catalog` at `version` and `stock`, at these URLs.
pub fn supergraph_sdl(version: Version, catalog: &str, stock: &str) -> String {
    composition::compose(&[
        composition::SubgraphSdl::new("catalog", catalog, LiveSubgraph::sdl(version)),
        composition::SubgraphSdl::new("stock", stock, LiveSubgraph::sdl(Version::Stock)),
    ])
    .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)))
    .sdl
}

/// Replaces `path` the way editors save: write a sibling, rename it over.
pub fn save(path: &Path, text: &str) {
    let temp = path.with_extension("saving");
    std::fs::write(&temp, text).expect("write");
    std::fs::rename(&temp, path).expect("rename over");
}

/// The router as `router serve` runs it, on 127.0.0.1:0.
pub struct RunningRouter {
    pub addr: SocketAddr,
    pub app: Arc<router_server::AppState>,
    pub status: watch::Receiver<ReloadStatus>,
    pub http: reqwest::Client,
    reloading: tokio::task::JoinHandle<()>,
}

impl Drop for RunningRouter {
    fn drop(&mut self) {
        self.reloading.abort();
    }
}

/// `router serve` flags: `--config`/`--supergraph` as given, `--poll-interval 100ms`.
pub fn args(config: Option<PathBuf>, supergraph: Option<PathBuf>) -> ServeArgs {
    ServeArgs {
        config,
        supergraph,
        poll_interval: Some(POLL),
        ..ServeArgs::default()
    }
}

impl RunningRouter {
    pub async fn start(args: ServeArgs) -> Self {
        let reloader = Reloader::start(&args).expect("the router starts");
        let app = reloader.app();
        let status = reloader.status();
        let reloading = tokio::spawn(reloader.run());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("address");
        let served = app.clone();
        tokio::spawn(async move {
            let _ = router_server::serve::serve(listener, served, std::future::pending()).await;
        });
        RunningRouter {
            addr,
            app,
            status,
            http: reqwest::Client::new(),
            reloading,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POSTs `query`; returns the HTTP status and the JSON body.
    pub async fn query(&self, query: &str) -> (u16, Value) {
        let response = self
            .http
            .post(self.url("/graphql"))
            .json(&json!({ "query": query }))
            .send()
            .await
            .expect("the router answers");
        let status = response.status().as_u16();
        (status, response.json().await.expect("a JSON body"))
    }

    pub async fn ready_status(&self) -> u16 {
        self.http
            .get(self.url("/ready"))
            .send()
            .await
            .expect("the router answers")
            .status()
            .as_u16()
    }

    /// The reload counters once `done` holds for them.
    pub async fn wait_status(
        &self,
        what: &str,
        done: impl Fn(&ReloadStatus) -> bool,
    ) -> ReloadStatus {
        let mut status = self.status.clone();
        let waited = tokio::time::timeout(DEADLINE, status.wait_for(|s| done(s))).await;
        match waited {
            Ok(Ok(status)) => status.clone(),
            _ => panic!("timed out waiting for {what}: {:?}", *self.status.borrow()),
        }
    }
}

/// Polls `check` until it yields `Some`, failing the test with `what` after the deadline.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + DEADLINE;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
