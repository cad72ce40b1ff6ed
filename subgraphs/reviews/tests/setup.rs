use sea_orm::{EntityTrait, PaginatorTrait};
use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

use reviews::entity::review;

#[tokio::test]
async fn seeds_once_and_skips_when_data_exists() {
    for database in TestDatabase::all("reviews_seeds_once").await {
        reviews::setup(&database.db, SeedSize::TEST)
            .await
            .expect("first setup");
        let count = review::Entity::find()
            .count(&database.db)
            .await
            .expect("count");
        assert_eq!(
            count,
            u64::from(SeedSize::TEST.reviews),
            "{}",
            database.backend
        );

        reviews::setup(&database.db, SeedSize::TEST)
            .await
            .expect("second setup");
        let again = review::Entity::find()
            .count(&database.db)
            .await
            .expect("count");
        assert_eq!(again, count, "{}", database.backend);

        // Stored rows are the seed's, in order.
        let seed = reviews::seed::reviews(SeedSize::TEST);
        let tenth = review::Entity::find_by_id(10_i64)
            .one(&database.db)
            .await
            .expect("select")
            .expect("review 10");
        let expected = &seed[9];
        assert_eq!(
            (
                tenth.product_id,
                tenth.user_id,
                tenth.rating,
                &tenth.body,
                tenth.created_at
            ),
            (
                expected.product_id,
                expected.user_id,
                expected.rating,
                &expected.body,
                expected.created_at
            ),
            "{}",
            database.backend
        );
        assert_eq!(
            tenth.author_username,
            subgraph_kit::seed::username(tenth.user_id)
        );
        database.cleanup().await;
    }
}
