mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::start;

/// A database failure is an INTERNAL_SERVER_ERROR without SQL details, never a panic or a 500.
#[tokio::test]
async fn database_failures_are_internal_errors() {
    for database in TestDatabase::all("database_failures_are_internal_errors").await {
        let service = start(&database).await;
        database.db.clone().close().await.expect("close the pool");

        for query in [
            r#"{ review(id: "1") { id } }"#,
            "{ latestReviews { id } }",
            r#"{ _entities(representations: [{__typename: "User", id: "1"}]) { ... on User { reviews { id } } } }"#,
            r#"{ _entities(representations: [{__typename: "Product", id: "1"}]) { ... on Product { reviewCount } } }"#,
        ] {
            let response = service.client.query(query, json!({})).await;
            assert_eq!(
                error_codes(&response),
                ["INTERNAL_SERVER_ERROR"],
                "{query}: {response}"
            );
            let message = response["errors"][0]["message"]
                .as_str()
                .unwrap_or_default();
            assert!(!message.to_lowercase().contains("pool"), "{message}");
        }
        let response = service
            .client
            .as_user(1)
            .query(
                r#"mutation { addReview(productId: "1", rating: 5, body: "ok") { id } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            error_codes(&response),
            ["INTERNAL_SERVER_ERROR"],
            "{response}"
        );
        database.cleanup().await;
    }
}
