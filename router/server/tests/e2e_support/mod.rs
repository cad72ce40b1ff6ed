//! The real stack for end-to-end tests: the five subgraphs (their own `app()` on
//! `127.0.0.1:0`, each on a fresh seeded SQLite file) and the router in front of them, composed
//! from the subgraphs' own SDL with their test URLs.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use router_server::{AppState, RouterConfig, RouterState};
use serde_json::{Value, json};
use subgraph_kit::seed::SeedSize;
use subgraph_kit::testing::{TestDatabase, spawn};

/// Where the router's supergraph comes from.
enum Source {
    /// Composed now from the subgraphs' own SDL.
    Composed,
    /// Composed, then edited (e.g. to add directives the subgraphs do not use).
    Edited(fn(String) -> String),
    /// The checked-in `schema/supergraph.graphql`.
    CheckedIn,
}

/// The defaults plus what the shop's subgraphs need: the signed-in user (`x-user-id`) and
/// `authorization` propagated to every subgraph (the router forwards nothing by default).
pub fn shop_config() -> RouterConfig {
    let mut config = RouterConfig::default();
    config
        .headers
        .propagate_to_all(&["x-user-id", "authorization"]);
    config
}

pub struct Stack {
    pub router: SocketAddr,
    pub state: Arc<RouterState>,
    pub app: Arc<AppState>,
    pub http: reqwest::Client,
    _databases: Vec<TestDatabase>,
}

/// A router response: status, content type and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

impl Stack {
    pub async fn start() -> Stack {
        Self::start_with(shop_config()).await
    }

    pub async fn start_with(config: RouterConfig) -> Stack {
        let mut databases = Vec::new();
        for _ in 0..5 {
            databases.push(TestDatabase::sqlite().await);
        }
        Self::start_on(databases, config, Source::Composed).await
    }

    /// The stack serving the composed supergraph as `edit` rewrites it.
    pub async fn start_with_supergraph_edit(
        config: RouterConfig,
        edit: fn(String) -> String,
    ) -> Stack {
        let mut databases = Vec::new();
        for _ in 0..5 {
            databases.push(TestDatabase::sqlite().await);
        }
        Self::start_on(databases, config, Source::Edited(edit)).await
    }

    /// The stack serving `schema/supergraph.graphql` (what `shop` and `router serve` serve),
    /// its URLs overridden as `--subgraph-url` does.
    pub async fn start_checked_in() -> Stack {
        let mut databases = Vec::new();
        for _ in 0..5 {
            databases.push(TestDatabase::sqlite().await);
        }
        Self::start_on(databases, shop_config(), Source::CheckedIn).await
    }

    /// The same stack with every subgraph on its own fresh PostgreSQL schema; `None` (and a
    /// message saying so) when `TEST_DATABASE_URL` is not set.
    pub async fn start_postgres(test: &str) -> Option<Stack> {
        let mut databases = Vec::new();
        for _ in 0..5 {
            databases.push(TestDatabase::postgres(test).await?);
        }
        Some(Self::start_on(databases, shop_config(), Source::Composed).await)
    }

    /// `databases`: one per subgraph, in the order users, products, inventory, reviews, carts.
    async fn start_on(databases: Vec<TestDatabase>, config: RouterConfig, source: Source) -> Stack {
        let mut subgraphs = Vec::new();
        let mut free = databases.iter();
        macro_rules! start {
            ($krate:ident) => {{
                let database = free.next().expect("one database per subgraph");
                $krate::setup(&database.db, SeedSize::TEST)
                    .await
                    .expect(concat!("set up ", stringify!($krate)));
                let addr = spawn($krate::app(database.db.clone())).await;
                subgraphs.push(composition::SubgraphSdl::new(
                    $krate::NAME,
                    format!("http://{addr}/graphql"),
                    $krate::sdl(),
                ));
            }};
        }
        start!(users);
        start!(products);
        start!(inventory);
        start!(reviews);
        start!(carts);
        let supergraph = match source {
            Source::Composed | Source::Edited(_) => {
                let composed = composition::compose(&subgraphs)
                    .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)));
                let sdl = match source {
                    Source::Edited(edit) => edit(composed.sdl),
                    _ => composed.sdl,
                };
                router_server::supergraph_source::parse(&sdl, "composed")
                    .expect("the composed supergraph loads")
            }
            Source::CheckedIn => {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../schema/supergraph.graphql");
                let mut supergraph = router_server::supergraph_source::load(&path)
                    .expect("the checked-in supergraph loads");
                let mut urls = router_server::config::SubgraphsConfig::default();
                for subgraph in &subgraphs {
                    urls.entry(&subgraph.name).url = Some(subgraph.url.clone());
                }
                router_server::supergraph_source::apply_overrides(&mut supergraph, |_| None, &urls)
                    .expect("the checked-in supergraph names the five subgraphs");
                supergraph
            }
        };
        let state = RouterState::new(supergraph, Arc::new(config)).expect("router state");
        let app = AppState::ready(state);
        let state = app.current().expect("just loaded");
        let router = spawn(router_server::app(app.clone())).await;
        Stack {
            router,
            state,
            app,
            http: reqwest::Client::new(),
            _databases: databases,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.router)
    }

    /// POSTs `{query, variables}` as user 1 and returns the JSON body (HTTP 200 expected).
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        let answer = self
            .post(
                json!({ "query": query, "variables": variables }),
                &[("x-user-id", "1")],
            )
            .await;
        assert_eq!(answer.status, 200, "{:#}", answer.body);
        answer.body
    }

    pub async fn post(&self, body: Value, headers: &[(&str, &str)]) -> Answer {
        let mut request = self.http.post(self.url("/graphql")).json(&body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Self::answer(request).await
    }

    pub async fn post_raw(&self, body: &'static str, accept: &str) -> Answer {
        let request = self
            .http
            .post(self.url("/graphql"))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, accept)
            .body(body);
        Self::answer(request).await
    }

    /// GETs `/graphql` with `params`, with the header that passes CSRF prevention.
    pub async fn get(&self, params: &[(&str, &str)], accept: &str) -> Answer {
        let request = self
            .http
            .get(self.url("/graphql"))
            .query(params)
            .header(ACCEPT, accept)
            .header("apollo-require-preflight", "true");
        Self::answer(request).await
    }

    pub async fn answer(request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("the router answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.expect("a body");
        let body = serde_json::from_str(&text)
            .unwrap_or_else(|_| panic!("not JSON (HTTP {status}): {text}"));
        Answer {
            status,
            content_type,
            body,
        }
    }
}
