//! The real stack the oracle compares against: the five subgraphs (their own `app()` on
//! `127.0.0.1:0`, each over a fresh seeded SQLite file), the router composed from their SDL in
//! front of them (as `router/server/tests/e2e_support` builds it), and the monolith over the
//! same five databases ([`Stack::start`]) or, for mutations, over five databases of its own
//! seeded the same way ([`Stack::start_apart`]), so each side changes only its own data.

use std::net::SocketAddr;
use std::sync::Arc;

use router_server::{AppState, RouterConfig, RouterState};
use serde_json::{Value, json};
use subgraph_kit::seed::SeedSize;
use subgraph_kit::testing::{TestDatabase, spawn};

use crate::monolith::{Databases, Monolith};

/// The user every operation runs as (`x-user-id`), so `me`, `cart` and `order` have one.
pub const USER_ID: i64 = 1;

/// The seed size the stack starts with; the generator draws arguments from it.
pub const SEED_SIZE: SeedSize = SeedSize::TEST;

pub struct Stack {
    pub router: SocketAddr,
    pub supergraph: supergraph::Supergraph,
    pub monolith: Monolith,
    pub http: reqwest::Client,
    _state: Arc<RouterState>,
    _databases: Vec<TestDatabase>,
}

/// Why the stack could not answer.
#[derive(Debug, thiserror::Error)]
pub enum StackError {
    #[error("the router did not answer: {0}")]
    Request(#[from] reqwest::Error),
    #[error("the router answered HTTP {status}: {body}")]
    Status { status: u16, body: String },
    #[error("the router's body is not JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl Stack {
    /// Starts everything (panics on a setup failure: this is test support).
    pub async fn start() -> Stack {
        Self::start_with(false).await
    }

    /// As [`Stack::start`], with the monolith over its own copy of the seed data.
    pub async fn start_apart() -> Stack {
        Self::start_with(true).await
    }

    async fn start_with(apart: bool) -> Stack {
        let mut databases = Vec::new();
        for _ in 0..5 {
            databases.push(TestDatabase::sqlite().await);
        }
        let mut subgraphs = Vec::new();
        macro_rules! start {
            ($krate:ident, $index:expr) => {{
                let database: &TestDatabase = &databases[$index];
                $krate::setup(&database.db, SEED_SIZE)
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
        start!(users, 0);
        start!(products, 1);
        start!(inventory, 2);
        start!(reviews, 3);
        start!(carts, 4);
        let composed = composition::compose(&subgraphs)
            .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)));
        let supergraph = router_server::supergraph_source::parse(&composed.sdl, "composed")
            .expect("the composed supergraph loads");
        let mut config = RouterConfig::default();
        config
            .headers
            .propagate_to_all(&["x-user-id", "authorization"]);
        let state = RouterState::new(supergraph.clone(), Arc::new(config)).expect("router state");
        let app = AppState::ready(state);
        let state = app.current().expect("just loaded");
        let router = spawn(router_server::app(app)).await;
        let first_own = databases.len();
        if apart {
            for _ in 0..5 {
                databases.push(TestDatabase::sqlite().await);
            }
            let own = &databases[first_own..];
            users::setup(&own[0].db, SEED_SIZE).await.expect("users");
            products::setup(&own[1].db, SEED_SIZE)
                .await
                .expect("products");
            inventory::setup(&own[2].db, SEED_SIZE)
                .await
                .expect("inventory");
            reviews::setup(&own[3].db, SEED_SIZE)
                .await
                .expect("reviews");
            carts::setup(&own[4].db, SEED_SIZE).await.expect("carts");
        }
        let monolith_databases = if apart {
            &databases[first_own..]
        } else {
            &databases[..5]
        };
        let monolith = Monolith::new(Databases {
            users: monolith_databases[0].db.clone(),
            products: monolith_databases[1].db.clone(),
            inventory: monolith_databases[2].db.clone(),
            reviews: monolith_databases[3].db.clone(),
            carts: monolith_databases[4].db.clone(),
        });
        Stack {
            router,
            supergraph,
            monolith,
            http: reqwest::Client::new(),
            _state: state,
            _databases: databases,
        }
    }

    /// The router's answer to `{query, variables}` as [`USER_ID`].
    pub async fn router(&self, query: &str, variables: &Value) -> Result<Value, StackError> {
        let response = self
            .http
            .post(format!("http://{}/graphql", self.router))
            .header("x-user-id", USER_ID.to_string())
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await?;
        let status = response.status().as_u16();
        let body = response.text().await?;
        if status != 200 {
            return Err(StackError::Status { status, body });
        }
        Ok(serde_json::from_str(&body)?)
    }

    /// The monolith's answer to the same request.
    pub async fn monolith(&self, query: &str, variables: &Value) -> Value {
        self.monolith
            .execute(query, variables.clone(), Some(USER_ID))
            .await
    }
}
