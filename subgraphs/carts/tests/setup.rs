//! `setup`: migrations and the deterministic seed, run again on an existing database.

use sea_orm::{EntityTrait, PaginatorTrait};
use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

use carts::entity::{cart, cart_item, order, order_item};

async fn counts(db: &sea_orm::DatabaseConnection) -> [u64; 4] {
    [
        cart::Entity::find().count(db).await.unwrap(),
        cart_item::Entity::find().count(db).await.unwrap(),
        order::Entity::find().count(db).await.unwrap(),
        order_item::Entity::find().count(db).await.unwrap(),
    ]
}

#[tokio::test]
async fn setup_seeds_once_and_skips_seeding_when_data_exists() {
    for test in TestDatabase::all("setup_seeds_once").await {
        carts::setup(&test.db, SeedSize::TEST).await.unwrap();
        let seed = carts::seed::generate(SeedSize::TEST);
        let expected = [
            seed.carts.len() as u64,
            seed.cart_items.len() as u64,
            seed.orders.len() as u64,
            seed.order_items.len() as u64,
        ];
        assert_eq!(counts(&test.db).await, expected, "{}", test.backend);
        carts::setup(&test.db, SeedSize::TEST).await.unwrap();
        assert_eq!(
            counts(&test.db).await,
            expected,
            "{}: second setup",
            test.backend
        );
        let first_cart = cart::Entity::find_by_id(1)
            .one(&test.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(first_cart.user_id, 1);
        test.cleanup().await;
    }
}
