//! Starts the users service on every test database (SQLite, plus PostgreSQL when
//! `TEST_DATABASE_URL` is set), seeded with `SeedSize::TEST`.

#![allow(dead_code)]

pub use subgraph_kit::testing::Running;

/// One running, seeded service per available database.
pub async fn start_all(test: &str) -> Vec<Running> {
    subgraph_kit::testing::start_all::<users::Users>(test).await
}
