//! A failing database becomes INTERNAL_SERVER_ERROR without SQL details, never a panic or a 500.

mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

#[tokio::test]
async fn reads_and_mutations_report_internal_errors_when_the_database_is_gone() {
    let test = TestDatabase::sqlite().await;
    let service = common::start(&test).await;
    test.db.clone().close().await.expect("close the pool");
    let user = service.client.as_user(1);
    for (query, expected_errors) in [
        ("{ cart { id items { quantity } } }", 1),
        ("{ order(id: \"1\") { id } }", 1),
        (
            "mutation { addToCart(productId: \"1\", quantity: 1) { id } }",
            1,
        ),
        ("mutation { checkout { id } }", 1),
        (
            "{ _entities(representations: [{ __typename: \"User\", id: \"1\" }, { __typename: \"User\", id: \"2\" }]) { ... on User { cart { id } } } }",
            2,
        ),
    ] {
        let response = user.query(query, json!({})).await;
        assert_eq!(
            error_codes(&response),
            vec!["INTERNAL_SERVER_ERROR"; expected_errors],
            "{query}: {response}"
        );
        let message = response["errors"][0]["message"].as_str().unwrap();
        assert!(
            !message.to_lowercase().contains("select"),
            "leaks SQL: {message}"
        );
    }
}
