mod common;

use subgraph_kit::testing::TestDatabase;

#[tokio::test]
async fn health_and_ready_answer_200() {
    for database in TestDatabase::all("health_and_ready_answer_200").await {
        let service = common::start(&database).await;
        assert_eq!(service.client.get_status("/health").await, 200);
        assert_eq!(service.client.get_status("/ready").await, 200);
        database.cleanup().await;
    }
}

#[tokio::test]
async fn ready_answers_503_when_the_database_is_gone() {
    let database = TestDatabase::sqlite().await;
    let service = common::start(&database).await;
    database.db.clone().close().await.expect("close the pool");
    assert_eq!(service.client.get_status("/health").await, 200);
    assert_eq!(service.client.get_status("/ready").await, 503);
}
