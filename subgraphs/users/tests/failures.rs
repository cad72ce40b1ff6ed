//! A failing database yields `INTERNAL_SERVER_ERROR` errors without SQL details, never a panic.

mod common;

use sea_orm::ConnectionTrait;
use serde_json::json;
use subgraph_kit::testing::error_codes;

#[tokio::test]
async fn database_failures_are_internal_errors() {
    for service in common::start_all("users_db_failure").await {
        service
            .db()
            .execute_unprepared("DROP TABLE users")
            .await
            .expect("drop the table under the running service");
        for query in [
            r#"{ user(id: "1") { id } }"#,
            "{ users(first: 2) { nodes { id } } }",
            r#"{ _entities(representations: [{ __typename: "User", id: "1" }, { __typename: "User", id: "2" }]) { ... on User { id } } }"#,
        ] {
            let response = service.client.query(query, json!({})).await;
            assert_eq!(
                error_codes(&response),
                ["INTERNAL_SERVER_ERROR"],
                "{} {query}: {response}",
                service.backend
            );
            let message = response["errors"][0]["message"]
                .as_str()
                .unwrap_or_default();
            assert!(!message.contains("users"), "leaks details: {message}");
        }
        let me = service
            .client
            .as_user(1)
            .query("{ me { id } }", json!({}))
            .await;
        assert_eq!(error_codes(&me), ["INTERNAL_SERVER_ERROR"], "{me}");
        service.cleanup().await;
    }
}
