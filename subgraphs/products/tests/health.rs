//! `/health` and `/ready`.

mod common;

#[tokio::test]
async fn health_and_ready_answer_ok() {
    for service in common::start_all("products_health").await {
        assert_eq!(
            service.client.get_status("/health").await,
            200,
            "{}",
            service.backend
        );
        assert_eq!(
            service.client.get_status("/ready").await,
            200,
            "{}",
            service.backend
        );
        service.cleanup().await;
    }
}
