mod common;

use subgraph_kit::testing::TestDatabase;

const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/reviews.graphql");

#[test]
fn sdl_matches_checked_in_file() {
    let sdl = reviews::sdl();
    if std::env::var_os("UPDATE_SDL").is_some() {
        std::fs::write(CHECKED_IN, &sdl).expect("write schema/reviews.graphql");
        return;
    }
    let checked_in = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
    assert!(
        checked_in == sdl,
        "schema/reviews.graphql is out of date; regenerate with \
         UPDATE_SDL=1 cargo nextest run -p reviews -E 'test(sdl)'\n--- served:\n{sdl}"
    );
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
