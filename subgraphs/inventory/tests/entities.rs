mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::{ENTITIES, SHIPPING, product_ref, seeded_product, start};

#[tokio::test]
async fn resolves_stock_for_products_by_id() {
    for database in TestDatabase::all("resolves_stock_for_products_by_id").await {
        let service = start(&database).await;
        let (stocked, quantity) = seeded_product(|q| q > 5);
        let (sold_out, _) = seeded_product(|q| q == 0);
        let response = service
            .client
            .query(
                ENTITIES,
                json!({ "representations": [product_ref(stocked), product_ref(sold_out)] }),
            )
            .await;
        assert_eq!(
            response,
            json!({ "data": { "_entities": [
                { "__typename": "Product", "id": stocked.to_string(), "inStock": true, "quantityAvailable": quantity },
                { "__typename": "Product", "id": sold_out.to_string(), "inStock": false, "quantityAvailable": 0 },
            ] } }),
            "{}",
            database.backend
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn a_product_inventory_does_not_stock_resolves_to_null_without_error() {
    for database in TestDatabase::all("unstocked_product_is_null").await {
        let service = start(&database).await;
        let response = service
            .client
            .query(
                ENTITIES,
                json!({ "representations": [product_ref(1), product_ref(999_999), product_ref(2)] }),
            )
            .await;
        assert!(response.get("errors").is_none(), "{response}");
        let entities = response["data"]["_entities"].as_array().expect("list");
        assert_eq!(entities.len(), 3);
        assert_eq!(entities[0]["id"], "1");
        assert!(entities[1].is_null(), "{response}");
        assert_eq!(entities[2]["id"], "2");
        database.cleanup().await;
    }
}

#[tokio::test]
async fn a_malformed_product_id_is_bad_user_input() {
    for database in TestDatabase::all("malformed_product_id").await {
        let service = start(&database).await;
        for bad in ["abc", "0", "-3", "1.5"] {
            let response = service
                .client
                .query(ENTITIES, json!({ "representations": [product_ref(bad)] }))
                .await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{bad}: {response}"
            );
        }
        database.cleanup().await;
    }
}

#[tokio::test]
async fn shipping_estimate_uses_the_required_price_and_weight() {
    for database in TestDatabase::all("shipping_estimate").await {
        let service = start(&database).await;
        let response = service
            .client
            .query(
                SHIPPING,
                json!({ "representations": [
                    { "__typename": "Product", "id": "1", "price": 3999, "weight": 2.5 },
                    { "__typename": "Product", "id": "2", "price": 10000, "weight": 40.0 },
                    { "__typename": "Product", "id": "3", "price": 9999, "weight": 0 },
                ] }),
            )
            .await;
        assert_eq!(
            response,
            json!({ "data": { "_entities": [
                { "id": "1", "shippingEstimate": 799 },
                { "id": "2", "shippingEstimate": 0 },
                { "id": "3", "shippingEstimate": 499 },
            ] } }),
            "{}",
            database.backend
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn shipping_estimate_without_required_fields_is_bad_user_input() {
    for database in TestDatabase::all("shipping_without_requires").await {
        let service = start(&database).await;
        let response = service
            .client
            .query(
                SHIPPING,
                json!({ "representations": [
                    { "__typename": "Product", "id": "1", "price": 3999 },
                    { "__typename": "Product", "id": "2", "weight": 1.0 },
                    { "__typename": "Product", "id": "3", "price": 100, "weight": 1.0 },
                ] }),
            )
            .await;
        assert_eq!(
            error_codes(&response),
            ["BAD_USER_INPUT", "BAD_USER_INPUT"],
            "{response}"
        );
        // Errors come in completion order, and async-graphql 7 leaves the representation's
        // index out of `_entities` error paths, so tell them apart by the product in the message.
        let mut errors: Vec<String> = response["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| {
                assert_eq!(e["path"][0], "_entities", "{e}");
                assert_eq!(
                    e["path"].as_array().and_then(|p| p.last()),
                    Some(&json!("shippingEstimate")),
                    "{e}"
                );
                e["message"].as_str().unwrap_or_default().to_owned()
            })
            .collect();
        errors.sort();
        assert!(errors[0].starts_with("product 1: `weight`"), "{errors:?}");
        assert!(errors[1].starts_with("product 2: `price`"), "{errors:?}");
        // The complete representation still resolves.
        assert_eq!(
            response["data"]["_entities"][2],
            json!({ "id": "3", "shippingEstimate": 619 })
        );
        // Stock fields need nothing from products.
        let response = service
            .client
            .query(ENTITIES, json!({ "representations": [product_ref(1)] }))
            .await;
        assert!(response.get("errors").is_none(), "{response}");
        database.cleanup().await;
    }
}

#[tokio::test]
async fn nonsensical_required_values_are_bad_user_input() {
    for database in TestDatabase::all("nonsensical_requires").await {
        let service = start(&database).await;
        let response = service
            .client
            .query(
                SHIPPING,
                json!({ "representations": [
                    { "__typename": "Product", "id": "1", "price": -5, "weight": 1.0 },
                    { "__typename": "Product", "id": "2", "price": 100, "weight": -1.0 },
                ] }),
            )
            .await;
        assert_eq!(
            error_codes(&response),
            ["BAD_USER_INPUT", "BAD_USER_INPUT"],
            "{response}"
        );
        database.cleanup().await;
    }
}
