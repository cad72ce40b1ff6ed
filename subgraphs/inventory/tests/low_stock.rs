mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::{seeded_stock, start};

const LOW_STOCK: &str = r#"query ($threshold: Int, $first: Int) {
  lowStockProducts(threshold: $threshold, first: $first) { id quantityAvailable inStock }
}"#;

const LOW_STOCK_DEFAULTS: &str = "{ lowStockProducts { id quantityAvailable inStock } }";

/// What the seed says lowStockProducts should return: quantity <= threshold, scarcest first.
fn expected(threshold: i32, first: usize) -> Vec<serde_json::Value> {
    let mut low: Vec<(i64, i32)> = seeded_stock()
        .into_iter()
        .filter(|(_, q)| *q <= threshold)
        .collect();
    low.sort_by_key(|(id, q)| (*q, *id));
    low.into_iter()
        .take(first)
        .map(|(id, q)| json!({ "id": id.to_string(), "quantityAvailable": q, "inStock": q > 0 }))
        .collect()
}

#[tokio::test]
async fn defaults_to_five_or_fewer_units_scarcest_first() {
    for database in TestDatabase::all("low_stock_defaults").await {
        let service = start(&database).await;
        let response = service.client.query(LOW_STOCK_DEFAULTS, json!({})).await;
        let want = expected(5, 20);
        assert!(
            want.len() > 2,
            "the test seed should have several low-stock products"
        );
        assert_eq!(
            response,
            json!({ "data": { "lowStockProducts": want } }),
            "{}",
            database.backend
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn honours_threshold_and_first() {
    for database in TestDatabase::all("low_stock_threshold_first").await {
        let service = start(&database).await;
        let response = service
            .client
            .query(LOW_STOCK, json!({ "threshold": 0, "first": 2 }))
            .await;
        assert_eq!(response["data"]["lowStockProducts"], json!(expected(0, 2)));
        let response = service
            .client
            .query(LOW_STOCK, json!({ "threshold": 100, "first": 100 }))
            .await;
        assert_eq!(
            response["data"]["lowStockProducts"],
            json!(expected(100, 100))
        );
        // Explicit nulls mean the defaults.
        let response = service
            .client
            .query(LOW_STOCK, json!({ "threshold": null, "first": null }))
            .await;
        assert_eq!(response["data"]["lowStockProducts"], json!(expected(5, 20)));
        database.cleanup().await;
    }
}

#[tokio::test]
async fn out_of_range_arguments_are_bad_user_input() {
    for database in TestDatabase::all("low_stock_bad_arguments").await {
        let service = start(&database).await;
        for variables in [
            json!({ "first": 0 }),
            json!({ "first": 101 }),
            json!({ "first": -1 }),
            json!({ "threshold": -1 }),
        ] {
            let response = service.client.query(LOW_STOCK, variables.clone()).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{variables}: {response}"
            );
            assert!(response["data"].is_null(), "{response}");
        }
        database.cleanup().await;
    }
}
