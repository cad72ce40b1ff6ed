//! `me` and `user(id:)`, including their error codes.

mod common;

use serde_json::json;
use subgraph_kit::{
    seed::{person_name, username},
    testing::error_codes,
};

const ME: &str = "{ me { id name username email createdAt } }";

#[tokio::test]
async fn me_is_the_user_named_by_the_header() {
    for service in common::start_all("users_me").await {
        let response = service.client.as_user(5).query(ME, json!({})).await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let me = &response["data"]["me"];
        assert_eq!(me["id"], "5", "{}", service.backend);
        assert_eq!(me["name"], person_name(5));
        assert_eq!(me["username"], username(5));
        assert!(
            me["createdAt"]
                .as_str()
                .is_some_and(|t| t.starts_with("20")),
            "{me}"
        );
        service.cleanup().await;
    }
}

#[tokio::test]
async fn me_is_null_when_anonymous_or_unknown() {
    for service in common::start_all("users_me_null").await {
        let anonymous = service.client.query(ME, json!({})).await;
        assert!(anonymous["errors"].is_null(), "{anonymous}");
        assert!(anonymous["data"]["me"].is_null(), "{}", service.backend);
        let unknown = service.client.as_user(10_000).query(ME, json!({})).await;
        assert!(unknown["errors"].is_null(), "{unknown}");
        assert!(unknown["data"]["me"].is_null(), "{}", service.backend);
        service.cleanup().await;
    }
}

#[tokio::test]
async fn me_with_a_malformed_header_is_unauthenticated() {
    for service in common::start_all("users_me_malformed").await {
        for header in ["abc", "0", "-3"] {
            let response = service.client.as_user(header).query(ME, json!({})).await;
            assert_eq!(
                error_codes(&response),
                ["UNAUTHENTICATED"],
                "{} {header}: {response}",
                service.backend
            );
            assert_eq!(response["errors"][0]["path"], json!(["me"]));
        }
        service.cleanup().await;
    }
}

#[tokio::test]
async fn user_by_id_finds_known_users_and_null_for_unknown() {
    for service in common::start_all("users_user").await {
        let query = "query ($id: ID!) { user(id: $id) { id name } }";
        let found = service.client.query(query, json!({ "id": "20" })).await;
        assert_eq!(
            found["data"]["user"]["id"], "20",
            "{}: {found}",
            service.backend
        );
        assert_eq!(found["data"]["user"]["name"], person_name(20));
        let unknown = service.client.query(query, json!({ "id": "21" })).await;
        assert!(unknown["errors"].is_null(), "{unknown}");
        assert!(unknown["data"]["user"].is_null(), "{}", service.backend);
        service.cleanup().await;
    }
}

#[tokio::test]
async fn user_with_a_malformed_id_is_bad_user_input() {
    for service in common::start_all("users_user_bad_id").await {
        for id in ["abc", "0", "-1", "1.5", "", " 1", "99999999999999999999"] {
            let response = service
                .client
                .query(
                    "query ($id: ID!) { user(id: $id) { id } }",
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
        service.cleanup().await;
    }
}

#[tokio::test]
async fn risk_score_is_served_to_the_router_only() {
    // @inaccessible hides the field from supergraph clients, not from this subgraph's schema.
    for service in common::start_all("users_risk_score").await {
        let response = service
            .client
            .query(r#"{ user(id: "1") { riskScore } }"#, json!({}))
            .await;
        let score = response["data"]["user"]["riskScore"].as_i64();
        assert!(
            score.is_some_and(|s| (0..=100).contains(&s)),
            "{}: {response}",
            service.backend
        );
        service.cleanup().await;
    }
}
