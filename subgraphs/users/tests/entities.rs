//! `_entities` resolves `User` representations by `id`, in one statement per batch.

mod common;

use serde_json::{Value, json};
use subgraph_kit::seed::username;

const QUERY: &str = r#"
    query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
            __typename
            ... on User { id username name email }
        }
    }
"#;

fn representations(ids: &[&str]) -> Value {
    json!({
        "representations": ids
            .iter()
            .map(|id| json!({ "__typename": "User", "id": id }))
            .collect::<Vec<_>>()
    })
}

#[tokio::test]
async fn resolves_users_in_order_and_unknown_ids_to_null() {
    for service in common::start_all("users_entities_order").await {
        let response = service
            .client
            .query(QUERY, representations(&["3", "999", "1", "abc"]))
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let entities = &response["data"]["_entities"];
        assert_eq!(entities[0]["id"], "3", "{}", service.backend);
        assert_eq!(entities[0]["username"], username(3));
        assert_eq!(entities[0]["email"], format!("{}@example.com", username(3)));
        assert!(entities[1].is_null(), "{}: {entities}", service.backend);
        assert_eq!(entities[2]["id"], "1");
        assert_eq!(entities[2]["__typename"], "User");
        assert!(entities[3].is_null());
        service.cleanup().await;
    }
}

#[tokio::test]
async fn many_representations_cost_one_statement() {
    for service in common::start_all("users_entities_batched").await {
        let ids: Vec<String> = (1..=20).map(|id| id.to_string()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        service.statements.reset();
        let response = service.client.query(QUERY, representations(&ids)).await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        assert_eq!(
            response["data"]["_entities"].as_array().map(Vec::len),
            Some(20)
        );
        assert_eq!(
            service.statements.count(),
            1,
            "{}: {:#?}",
            service.backend,
            service.statements.statements()
        );
        service.cleanup().await;
    }
}

#[tokio::test]
async fn sibling_user_fields_share_one_statement() {
    for service in common::start_all("users_sibling_batched").await {
        service.statements.reset();
        let response = service
            .client
            .as_user(4)
            .query(
                r#"{ a: user(id: "1") { id } b: user(id: "2") { id } c: user(id: "77") { id } me { id } }"#,
                json!({}),
            )
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        assert_eq!(response["data"]["b"]["id"], "2");
        assert!(response["data"]["c"].is_null());
        assert_eq!(response["data"]["me"]["id"], "4");
        assert_eq!(
            service.statements.count(),
            1,
            "{}: {:#?}",
            service.backend,
            service.statements.statements()
        );
        service.cleanup().await;
    }
}
