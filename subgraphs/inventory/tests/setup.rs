use sea_orm::{EntityTrait, PaginatorTrait};
use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

use inventory::entity::stock;

#[tokio::test]
async fn seeds_every_product_once_and_skips_when_data_exists() {
    for database in TestDatabase::all("seeds_every_product_once").await {
        inventory::setup(&database.db, SeedSize::TEST)
            .await
            .expect("first setup");
        let count = stock::Entity::find()
            .count(&database.db)
            .await
            .expect("count");
        assert_eq!(
            count,
            u64::from(SeedSize::TEST.products),
            "{}",
            database.backend
        );

        // A second start migrates nothing new and must not seed again.
        inventory::setup(&database.db, SeedSize::TEST)
            .await
            .expect("second setup");
        let again = stock::Entity::find()
            .count(&database.db)
            .await
            .expect("count");
        assert_eq!(again, count, "{}", database.backend);

        let seven = stock::Entity::find_by_id(7_i64)
            .one(&database.db)
            .await
            .expect("select")
            .expect("product 7 is stocked");
        let expected = inventory::seed::stock_levels(SeedSize::TEST)[6];
        assert_eq!((seven.product_id, seven.quantity), expected);
        database.cleanup().await;
    }
}
