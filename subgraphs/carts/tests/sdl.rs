//! The published SDL: Federation v2, checked in, served by `_service`.

mod common;

use serde_json::json;
use subgraph_kit::testing::TestDatabase;

#[test]
fn sdl_matches_checked_in_file() {
    subgraph_kit::testing::assert_checked_in_sdl(carts::NAME, &carts::sdl());
}

#[test]
fn sdl_is_federation_v2_with_the_contracted_types() {
    let sdl = carts::sdl();
    assert!(
        sdl.contains("@link(\n\turl: \"https://specs.apollo.dev/federation/v2"),
        "{sdl}"
    );
    for expected in [
        "type Cart implements Node @key(fields: \"id\")",
        "type Order implements Node @key(fields: \"id\")",
        "type User @key(fields: \"id\")",
        "type Product @key(fields: \"id\", resolvable: false)",
        "interface Node",
        "orders(first: Int = 10): [Order!]!",
        "addToCart(productId: ID!, quantity: Int!): Cart!",
        "checkout: Order!",
        "order(id: ID!): Order",
    ] {
        assert!(sdl.contains(expected), "missing {expected:?} in\n{sdl}");
    }
}

#[tokio::test]
async fn service_field_serves_the_sdl() {
    for test in TestDatabase::all("service_field_serves_the_sdl").await {
        let service = common::start(&test).await;
        let response = service
            .client
            .query("{ _service { sdl } }", json!({}))
            .await;
        assert_eq!(
            common::data(&response)["_service"]["sdl"].as_str(),
            Some(carts::sdl().as_str()),
            "{}",
            service.backend
        );
        test.cleanup().await;
    }
}
