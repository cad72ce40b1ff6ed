//! `setup` migrates and seeds once; running it again changes nothing.

use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

#[tokio::test]
async fn setup_is_idempotent_and_stores_the_seed_catalogue() {
    let expected: Vec<_> = products::seed::catalogue(SeedSize::TEST.products).collect();
    for database in TestDatabase::all("products_setup").await {
        products::setup(&database.db, SeedSize::TEST)
            .await
            .expect("first setup");
        products::setup(&database.db, SeedSize::TEST)
            .await
            .expect("second setup");
        let stored = products::service::products::page(&database.db, None, None, 1_000)
            .await
            .expect("rows");
        assert_eq!(stored, expected, "{}", database.backend);
        database.cleanup().await;
    }
}
