//! Starts the users service on every test database (SQLite, plus PostgreSQL when
//! `TEST_DATABASE_URL` is set), seeded with `SeedSize::TEST`.

#![allow(dead_code)]

use subgraph_kit::{
    seed::SeedSize,
    testing::{Client, StatementCounter, TestDatabase, spawn},
};

pub struct Running {
    pub backend: &'static str,
    pub client: Client,
    pub statements: StatementCounter,
    database: TestDatabase,
}

impl Running {
    /// The service's database (shared with the running app).
    pub fn db(&self) -> &sea_orm::DatabaseConnection {
        &self.database.db
    }

    pub async fn cleanup(self) {
        self.database.cleanup().await;
    }
}

/// One running, seeded service per available database.
pub async fn start_all(test: &str) -> Vec<Running> {
    let mut running = Vec::new();
    for mut database in TestDatabase::all(test).await {
        users::setup(&database.db, SeedSize::TEST)
            .await
            .expect("migrate and seed");
        let statements = StatementCounter::install(&mut database.db);
        let addr = spawn(users::app(database.db.clone())).await;
        running.push(Running {
            backend: database.backend,
            client: Client::new(addr),
            statements,
            database,
        });
    }
    running
}
