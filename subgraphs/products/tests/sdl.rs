//! The SDL the service publishes is the checked-in `schema/products.graphql`.

mod common;

use serde_json::json;

#[test]
fn sdl_matches_checked_in_file() {
    subgraph_kit::testing::assert_checked_in_sdl(products::NAME, &products::sdl());
}

#[test]
fn sdl_is_federation_v2_with_both_keys_and_the_abstract_types() {
    let sdl = products::sdl();
    for expected in [
        "@link(\n\turl: \"https://specs.apollo.dev/federation/v2",
        "type Product implements Node @key(fields: \"id\") @key(fields: \"sku\")",
        "inStock: Boolean!\n",
        "price: Int!\n",
        "weight: Float!\n",
        "type PageInfo @shareable",
        "union SearchResult = Product | CategoryMatch",
        "interface Node {",
        "products(first: Int = 20, after: String, category: ProductCategory): ProductConnection!",
        "topProducts(first: Int = 5): [Product!]!",
        "searchProducts(text: String!, first: Int = 20): [Product!]!",
        "search(text: String!, first: Int = 20): [SearchResult!]!",
    ] {
        assert!(sdl.contains(expected), "SDL lacks {expected:?}:\n{sdl}");
    }
}

#[test]
fn page_info_is_identical_to_the_users_subgraph() {
    // A @shareable value type must be declared the same way in every subgraph that serves it.
    let page_info = |sdl: &str| {
        let start = sdl.find("type PageInfo").expect("PageInfo");
        let end = start + sdl[start..].find("\n}\n").expect("end of PageInfo");
        sdl[start..end].to_owned()
    };
    let users_sdl = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/users.graphql"),
    )
    .expect("schema/users.graphql");
    assert_eq!(page_info(&products::sdl()), page_info(&users_sdl));
}

#[tokio::test]
async fn service_field_serves_the_same_sdl() {
    for service in common::start_all("products_service_sdl").await {
        let response = service
            .client
            .query("{ _service { sdl } }", json!({}))
            .await;
        assert_eq!(
            response["data"]["_service"]["sdl"].as_str(),
            Some(products::sdl().as_str()),
            "{}",
            service.backend
        );
        service.cleanup().await;
    }
}
