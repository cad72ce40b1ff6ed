//! `product(id:)` and `productBySku(sku:)`, including their error codes.

mod common;

use serde_json::json;
use subgraph_kit::testing::error_codes;

#[tokio::test]
async fn product_by_id_and_by_sku_agree() {
    let catalogue = common::catalogue();
    for service in common::start_all("products_lookup").await {
        let response = service
            .client
            .query(
                r#"{
                    a: product(id: "42") { ...fields }
                    b: productBySku(sku: "SKU-000042") { ...fields }
                    unknown: product(id: "51") { id }
                    unknownSku: productBySku(sku: "SKU-000051") { id }
                }
                fragment fields on Product {
                    id sku name description category price weight inStock
                    dimensions { width height depth }
                }"#,
                json!({}),
            )
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let data = &response["data"];
        assert_eq!(data["a"], data["b"], "{}", service.backend);
        assert_eq!(data["a"]["name"], catalogue[41].name);
        assert_eq!(data["a"]["description"], catalogue[41].description);
        assert_eq!(data["a"]["category"], catalogue[41].category.name());
        assert!(
            data["unknown"].is_null() && data["unknownSku"].is_null(),
            "{data}"
        );
        service.cleanup().await;
    }
}

#[tokio::test]
async fn malformed_ids_and_skus_are_bad_user_input() {
    for service in common::start_all("products_lookup_invalid").await {
        for id in ["abc", "0", "-1", "", "4 2"] {
            let response = service
                .client
                .query(
                    "query ($id: ID!) { product(id: $id) { id } }",
                    json!({ "id": id }),
                )
                .await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{} {id:?}: {response}",
                service.backend
            );
        }
        for sku in ["42", "SKU-42", "sku-000042", "SKU-00004x", ""] {
            let response = service
                .client
                .query(
                    "query ($sku: String!) { productBySku(sku: $sku) { id } }",
                    json!({ "sku": sku }),
                )
                .await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{} {sku:?}: {response}",
                service.backend
            );
        }
        service.cleanup().await;
    }
}
