//! The published SDL: Federation v2, checked in, served by `_service`.

mod common;

use serde_json::json;
use subgraph_kit::testing::TestDatabase;

fn checked_in_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/carts.graphql")
}

#[test]
fn sdl_matches_checked_in_file() {
    let sdl = carts::sdl();
    let path = checked_in_path();
    if std::env::var_os("UPDATE_SDL").is_some() {
        std::fs::write(&path, &sdl).expect("write schema/carts.graphql");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == sdl,
        "schema/carts.graphql is out of date; regenerate with UPDATE_SDL=1 cargo nextest run -p carts -E 'test(sdl)'"
    );
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
