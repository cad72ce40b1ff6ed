mod common;

use subgraph_kit::testing::TestDatabase;

#[test]
fn sdl_matches_checked_in_file() {
    subgraph_kit::testing::assert_checked_in_sdl(inventory::NAME, &inventory::sdl());
}

#[test]
fn sdl_is_federation_v2_with_the_contracted_directives() {
    let sdl = inventory::sdl();
    for expected in [
        "@link(\n\turl: \"https://specs.apollo.dev/federation/v2",
        "type Product implements Node @key(fields: \"id\")",
        "price: Int! @external",
        "weight: Float! @external",
        "inStock: Boolean! @override(from: \"products\")",
        "quantityAvailable: Int!",
        "shippingEstimate: Int! @requires(fields: \"price weight\")",
        "interface Node",
        "lowStockProducts(threshold: Int = 5, first: Int = 20): [Product!]!",
    ] {
        assert!(sdl.contains(expected), "missing {expected:?} in:\n{sdl}");
    }
}

#[tokio::test]
async fn service_sdl_is_what_sdl_returns() {
    for database in TestDatabase::all("service_sdl_is_what_sdl_returns").await {
        let service = common::start(&database).await;
        let response = service
            .client
            .query("{ _service { sdl } }", serde_json::json!({}))
            .await;
        assert_eq!(
            response["data"]["_service"]["sdl"].as_str(),
            Some(inventory::sdl().as_str()),
            "{response}"
        );
        database.cleanup().await;
    }
}
