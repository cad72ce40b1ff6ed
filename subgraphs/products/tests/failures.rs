//! A failing database yields `INTERNAL_SERVER_ERROR` errors without SQL details, never a panic.

mod common;

use sea_orm::ConnectionTrait;
use serde_json::json;
use subgraph_kit::testing::error_codes;

#[tokio::test]
async fn database_failures_are_internal_errors() {
    for service in common::start_all("products_db_failure").await {
        service
            .db()
            .execute_unprepared("DROP TABLE products")
            .await
            .expect("drop the table under the running service");
        for query in [
            r#"{ product(id: "1") { id } }"#,
            r#"{ productBySku(sku: "SKU-000001") { id } }"#,
            "{ products(first: 2) { nodes { id } } }",
            "{ topProducts { id } }",
            r#"{ searchProducts(text: "oak") { id } }"#,
            r#"{ search(text: "books") { __typename } }"#,
            r#"{ _entities(representations: [{ __typename: "Product", id: "1" }, { __typename: "Product", sku: "SKU-000002" }]) { ... on Product { id } } }"#,
        ] {
            let response = service.client.query(query, json!({})).await;
            assert_eq!(
                error_codes(&response),
                ["INTERNAL_SERVER_ERROR"],
                "{} {query}: {response}",
                service.backend
            );
            let message = response["errors"][0]["message"]
                .as_str()
                .unwrap_or_default();
            assert!(!message.contains("products"), "leaks details: {message}");
        }
        service.cleanup().await;
    }
}
