//! The SDL the service publishes is the checked-in `schema/users.graphql`.

mod common;

use serde_json::json;

#[test]
fn sdl_matches_checked_in_file() {
    subgraph_kit::testing::assert_checked_in_sdl(users::NAME, &users::sdl());
}

#[test]
fn sdl_is_federation_v2_with_the_expected_directives() {
    let sdl = users::sdl();
    for expected in [
        "@link(\n\turl: \"https://specs.apollo.dev/federation/v2",
        "type User implements Node @key(fields: \"id\")",
        "username: String! @shareable",
        "riskScore: Int! @inaccessible",
        "type PageInfo @shareable",
        "interface Node {",
        "users(first: Int = 20, after: String): UserConnection!",
    ] {
        assert!(sdl.contains(expected), "SDL lacks {expected:?}:\n{sdl}");
    }
}

#[tokio::test]
async fn service_field_serves_the_same_sdl() {
    for service in common::start_all("users_service_sdl").await {
        let response = service
            .client
            .query("{ _service { sdl } }", json!({}))
            .await;
        assert_eq!(
            response["data"]["_service"]["sdl"].as_str(),
            Some(users::sdl().as_str()),
            "{}",
            service.backend
        );
        service.cleanup().await;
    }
}
