mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::{ENTITIES, product_ref, start};

/// A database failure is an INTERNAL_SERVER_ERROR without SQL details, never a panic or a 500.
#[tokio::test]
async fn database_failures_are_internal_errors() {
    for database in TestDatabase::all("database_failures_are_internal_errors").await {
        let service = start(&database).await;
        database.db.clone().close().await.expect("close the pool");

        let response = service
            .client
            .query(
                ENTITIES,
                json!({ "representations": [product_ref(1), product_ref(2)] }),
            )
            .await;
        assert_eq!(
            error_codes(&response),
            ["INTERNAL_SERVER_ERROR"],
            "{response}"
        );
        let message = response["errors"][0]["message"]
            .as_str()
            .unwrap_or_default();
        assert!(!message.to_lowercase().contains("pool"), "{message}");

        let response = service
            .client
            .query("{ lowStockProducts { id } }", json!({}))
            .await;
        assert_eq!(
            error_codes(&response),
            ["INTERNAL_SERVER_ERROR"],
            "{response}"
        );
        database.cleanup().await;
    }
}
