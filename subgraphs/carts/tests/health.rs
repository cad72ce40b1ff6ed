//! `/health` and `/ready`.

mod common;

use subgraph_kit::testing::TestDatabase;

#[tokio::test]
async fn health_and_ready_answer_ok_while_the_database_is_up() {
    for test in TestDatabase::all("health_and_ready").await {
        let service = common::start(&test).await;
        assert_eq!(service.client.get_status("/health").await, 200);
        assert_eq!(service.client.get_status("/ready").await, 200);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn ready_fails_once_the_database_is_closed() {
    let test = TestDatabase::sqlite().await;
    let service = common::start(&test).await;
    test.db.clone().close().await.expect("close the pool");
    assert_eq!(service.client.get_status("/health").await, 200);
    assert_eq!(service.client.get_status("/ready").await, 503);
}
