mod common;

use subgraph_kit::testing::TestDatabase;

#[test]
fn sdl_matches_checked_in_file() {
    subgraph_kit::testing::assert_checked_in_sdl(reviews::NAME, &reviews::sdl());
}

#[test]
fn sdl_is_federation_v2_with_the_contracted_directives() {
    let sdl = reviews::sdl();
    for expected in [
        "@link(\n\turl: \"https://specs.apollo.dev/federation/v2",
        "type Review implements Node @key(fields: \"id\")",
        "createdAt: DateTime!",
        "author: User! @provides(fields: \"username\")",
        "product: Product!",
        "type User @key(fields: \"id\")",
        "username: String! @external",
        "reviews(first: Int = 10): [Review!]!",
        "type Product @key(fields: \"id\")",
        "averageRating: Float\n",
        "reviewCount: Int!",
        "review(id: ID!): Review\n",
        "latestReviews(first: Int = 10): [Review!]!",
        "addReview(productId: ID!, rating: Int!, body: String!): Review!",
        "interface Node",
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
            Some(reviews::sdl().as_str()),
            "{response}"
        );
        database.cleanup().await;
    }
}
