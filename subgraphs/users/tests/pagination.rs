//! `users(first:, after:)`: cursor pagination, its validation and its cost.

mod common;

use std::collections::HashSet;

use serde_json::{Value, json};
use subgraph_kit::testing::error_codes;

const PAGE: &str = r#"
    query ($first: Int, $after: String) {
        users(first: $first, after: $after) {
            edges { cursor node { id } }
            nodes { id }
            pageInfo { hasNextPage endCursor }
            totalCount
        }
    }
"#;

#[tokio::test]
async fn walking_all_pages_returns_every_user_once() {
    for service in common::start_all("users_pages_walk").await {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        let mut pages = 0;
        loop {
            let response = service
                .client
                .query(PAGE, json!({ "first": 3, "after": after }))
                .await;
            assert!(
                response["errors"].is_null(),
                "{}: {response}",
                service.backend
            );
            let users = &response["data"]["users"];
            assert_eq!(users["totalCount"], 20);
            let edges = users["edges"].as_array().expect("edges");
            let nodes = users["nodes"].as_array().expect("nodes");
            assert_eq!(edges.len(), nodes.len());
            for (edge, node) in edges.iter().zip(nodes) {
                assert_eq!(edge["node"]["id"], node["id"]);
                seen.push(node["id"].as_str().expect("id").to_owned());
            }
            assert_eq!(
                users["pageInfo"]["endCursor"],
                edges.last().map_or(Value::Null, |e| e["cursor"].clone())
            );
            pages += 1;
            assert!(pages <= 20, "pagination does not end");
            if users["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = users["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        }
        assert_eq!(pages, 7, "{}", service.backend);
        let expected: Vec<String> = (1..=20).map(|id: i32| id.to_string()).collect();
        assert_eq!(seen, expected, "{}", service.backend);
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 20);
        service.cleanup().await;
    }
}

#[tokio::test]
async fn default_page_is_twenty_and_the_last_page_has_no_next() {
    for service in common::start_all("users_pages_default").await {
        let response = service
            .client
            .query(
                "{ users { nodes { id } pageInfo { hasNextPage endCursor } } }",
                json!({}),
            )
            .await;
        let users = &response["data"]["users"];
        assert_eq!(
            users["nodes"].as_array().map(Vec::len),
            Some(20),
            "{response}"
        );
        assert_eq!(
            users["pageInfo"]["hasNextPage"], false,
            "{}",
            service.backend
        );
        let after = users["pageInfo"]["endCursor"].clone();
        let empty = service
            .client
            .query(PAGE, json!({ "first": 5, "after": after }))
            .await;
        assert_eq!(empty["data"]["users"]["nodes"], json!([]), "{empty}");
        assert_eq!(empty["data"]["users"]["pageInfo"]["endCursor"], Value::Null);
        assert_eq!(empty["data"]["users"]["pageInfo"]["hasNextPage"], false);
        service.cleanup().await;
    }
}

#[tokio::test]
async fn out_of_range_first_and_malformed_cursors_are_bad_user_input() {
    for service in common::start_all("users_pages_invalid").await {
        for variables in [
            json!({ "first": 0 }),
            json!({ "first": -5 }),
            json!({ "first": 101 }),
            json!({ "first": 5, "after": "not-a-cursor" }),
            json!({ "first": 5, "after": "MTI" }),
        ] {
            let response = service.client.query(PAGE, variables.clone()).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{} {variables}: {response}",
                service.backend
            );
        }
        service.cleanup().await;
    }
}

#[tokio::test]
async fn a_page_of_fifty_costs_a_bounded_number_of_statements() {
    for service in common::start_all("users_pages_statements").await {
        service.statements.reset();
        let response = service.client.query(PAGE, json!({ "first": 50 })).await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        assert_eq!(
            response["data"]["users"]["nodes"].as_array().map(Vec::len),
            Some(20)
        );
        // One SELECT for the page, one COUNT for totalCount.
        assert_eq!(
            service.statements.count(),
            2,
            "{}: {:#?}",
            service.backend,
            service.statements.statements()
        );
        service.cleanup().await;
    }
}
