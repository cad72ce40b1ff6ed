//! Test support: fresh databases on SQLite and PostgreSQL, SQL statement counting, a server on
//! `127.0.0.1:0` with a small GraphQL client, and the harness that starts a [`Service`] seeded
//! on every test database ([`start`], [`start_all`]).
//!
//! PostgreSQL tests run when `TEST_DATABASE_URL` is set (CI sets it); each test gets its own
//! schema so tests can run in parallel against one database.

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use axum::Router;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::Value;

use crate::{
    db::connect_with,
    seed::SeedSize,
    service::{Service, setup},
};

/// A database that exists for one test.
pub struct TestDatabase {
    pub db: DatabaseConnection,
    pub backend: &'static str,
    // Keeps the SQLite file's folder alive for the test's duration.
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// A new SQLite file in a temporary folder.
    pub async fn sqlite() -> TestDatabase {
        let dir = tempfile::tempdir().expect("temporary folder for the test database");
        let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
        let db = connect_with(&url, None)
            .await
            .expect("open test SQLite file");
        TestDatabase {
            db,
            backend: "sqlite",
            _dir: Some(dir),
            postgres: None,
        }
    }

    /// A fresh schema on the PostgreSQL named by `TEST_DATABASE_URL`, or `None` (with a message
    /// on stderr saying the PostgreSQL half of the test was skipped) when it is not set.
    pub async fn postgres(test: &str) -> Option<TestDatabase> {
        let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("SKIPPED on PostgreSQL ({test}): TEST_DATABASE_URL is not set");
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let schema = format!(
            "t_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or_default()
        );
        let admin = connect_with(&url, None)
            .await
            .expect("connect to TEST_DATABASE_URL");
        admin
            .execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
            .await
            .expect("create test schema");
        let db = connect_with(&url, Some(&schema))
            .await
            .expect("connect with the test schema");
        Some(TestDatabase {
            db,
            backend: "postgres",
            _dir: None,
            postgres: Some((url, schema)),
        })
    }

    /// SQLite always, PostgreSQL when configured: run the same test body on each.
    pub async fn all(test: &str) -> Vec<TestDatabase> {
        let mut dbs = vec![TestDatabase::sqlite().await];
        dbs.extend(TestDatabase::postgres(test).await);
        dbs
    }

    /// Drops the PostgreSQL schema (SQLite files go with their temporary folder).
    pub async fn cleanup(self) {
        let _ = self.db.close().await;
        if let Some((url, schema)) = self.postgres
            && let Ok(admin) = connect_with(&url, None).await
        {
            let _ = admin
                .execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
                .await;
        }
    }
}

/// Counts the SQL statements a connection runs, to prove batching.
#[derive(Clone, Default)]
pub struct StatementCounter {
    count: Arc<AtomicUsize>,
    log: Arc<std::sync::Mutex<Vec<String>>>,
}

impl StatementCounter {
    /// Installs the counter on `db` (replacing any other metric callback).
    pub fn install(db: &mut DatabaseConnection) -> StatementCounter {
        let counter = StatementCounter::default();
        let hook = counter.clone();
        db.set_metric_callback(move |info| {
            hook.count.fetch_add(1, Ordering::SeqCst);
            if let Ok(mut log) = hook.log.lock() {
                log.push(info.statement.sql.clone());
            }
        });
        counter
    }

    pub fn reset(&self) {
        self.count.store(0, Ordering::SeqCst);
        if let Ok(mut log) = self.log.lock() {
            log.clear();
        }
    }

    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// The statements run since the last reset, for assertion messages.
    pub fn statements(&self) -> Vec<String> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Serves `app` on `127.0.0.1:0` in the background; returns its address.
pub async fn spawn(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("test server");
    });
    addr
}

/// A service serving a test database, with a counter on the statements its app runs.
pub struct Served {
    pub client: Client,
    pub statements: StatementCounter,
    pub backend: &'static str,
}

/// Migrates and seeds `database` with [`SeedSize::TEST`], then serves it on `127.0.0.1:0`. The
/// counter sits on the app's own clone of the connection, so the test's queries through
/// `database.db` are not counted.
pub async fn start<S: Service>(database: &TestDatabase) -> Served {
    setup::<S>(&database.db, SeedSize::TEST)
        .await
        .expect("migrate and seed");
    let mut db = database.db.clone();
    let statements = StatementCounter::install(&mut db);
    let addr = spawn(S::app(db)).await;
    Served {
        client: Client::new(addr),
        statements,
        backend: database.backend,
    }
}

/// A seeded service running on a test database that it owns (see [`start_all`]).
pub struct Running {
    pub backend: &'static str,
    pub client: Client,
    pub statements: StatementCounter,
    database: TestDatabase,
}

impl Running {
    /// The service's database (shared with the running app, and counted with it).
    pub fn db(&self) -> &DatabaseConnection {
        &self.database.db
    }

    pub async fn cleanup(self) {
        self.database.cleanup().await;
    }
}

/// One running service seeded with [`SeedSize::TEST`] per test database (SQLite, plus
/// PostgreSQL when `TEST_DATABASE_URL` is set).
pub async fn start_all<S: Service>(test: &str) -> Vec<Running> {
    let mut running = Vec::new();
    for mut database in TestDatabase::all(test).await {
        setup::<S>(&database.db, SeedSize::TEST)
            .await
            .expect("migrate and seed");
        let statements = StatementCounter::install(&mut database.db);
        let addr = spawn(S::app(database.db.clone())).await;
        running.push(Running {
            backend: database.backend,
            client: Client::new(addr),
            statements,
            database,
        });
    }
    running
}

/// A GraphQL client for a spawned service.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    user: Option<String>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: format!("http://{addr}"),
            user: None,
        }
    }

    /// The same client, sending `x-user-id: <user>`.
    pub fn as_user(&self, user: impl ToString) -> Client {
        Client {
            user: Some(user.to_string()),
            ..self.clone()
        }
    }

    /// POSTs a GraphQL request and returns the whole JSON body (`data` and `errors`).
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        let mut request = self
            .http
            .post(format!("{}/graphql", self.base))
            .json(&serde_json::json!({ "query": query, "variables": variables }));
        if let Some(user) = &self.user {
            request = request.header(crate::auth::USER_ID_HEADER, user);
        }
        let response = request.send().await.expect("send GraphQL request");
        assert!(
            response.status().is_success(),
            "GraphQL request failed with HTTP {}",
            response.status()
        );
        response.json().await.expect("JSON response body")
    }

    /// GETs a path and returns its status code.
    pub async fn get_status(&self, path: &str) -> u16 {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("send GET")
            .status()
            .as_u16()
    }
}

/// The `extensions.code` of each error in a response, in order.
pub fn error_codes(response: &Value) -> Vec<String> {
    response["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["extensions"]["code"]
                        .as_str()
                        .unwrap_or("<none>")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Asserts that `sdl` is the checked-in `schema/<service>.graphql`; with `UPDATE_SDL` set,
/// rewrites the file instead (how the checked-in SDL is regenerated).
pub fn assert_checked_in_sdl(service: &str, sdl: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schema")
        .join(format!("{service}.graphql"));
    if std::env::var_os("UPDATE_SDL").is_some() {
        std::fs::write(&path, sdl).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == sdl,
        "schema/{service}.graphql is stale; regenerate it with \
         UPDATE_SDL=1 cargo nextest run -p {service} -E 'test(sdl)'\n--- served:\n{sdl}"
    );
}
