//! Starts the products service on every test database (SQLite, plus PostgreSQL when
//! `TEST_DATABASE_URL` is set), seeded with `SeedSize::TEST`.

#![allow(dead_code)]

use subgraph_kit::seed::SeedSize;

pub use subgraph_kit::testing::Running;

/// One running, seeded service per available database.
pub async fn start_all(test: &str) -> Vec<Running> {
    subgraph_kit::testing::start_all::<products::Products>(test).await
}

/// The seeded test catalogue, as the service stores it.
pub fn catalogue() -> Vec<products::entity::product::Model> {
    products::seed::catalogue(SeedSize::TEST.products).collect()
}
