//! `products(first:, after:, category:)`: cursor pagination, filtering, validation and cost.

mod common;

use serde_json::{Value, json};
use subgraph_kit::testing::error_codes;

const PAGE: &str = r#"
    query ($first: Int, $after: String, $category: ProductCategory) {
        products(first: $first, after: $after, category: $category) {
            edges { cursor node { id category } }
            nodes { id }
            pageInfo { hasNextPage endCursor }
            totalCount
        }
    }
"#;

/// Follows `endCursor` until `hasNextPage` is false; returns the ids seen and the page count.
async fn walk(service: &common::Running, first: i32, category: Value) -> (Vec<i64>, usize) {
    let mut seen = Vec::new();
    let mut after = Value::Null;
    let mut pages = 0;
    loop {
        let response = service
            .client
            .query(
                PAGE,
                json!({ "first": first, "after": after, "category": category }),
            )
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let products = &response["data"]["products"];
        let edges = products["edges"].as_array().expect("edges");
        assert_eq!(
            products["nodes"].as_array().map(Vec::len),
            Some(edges.len())
        );
        for edge in edges {
            if !category.is_null() {
                assert_eq!(edge["node"]["category"], category);
            }
            seen.push(
                edge["node"]["id"]
                    .as_str()
                    .and_then(|id| id.parse().ok())
                    .expect("id"),
            );
        }
        assert_eq!(
            products["pageInfo"]["endCursor"],
            edges.last().map_or(Value::Null, |e| e["cursor"].clone())
        );
        pages += 1;
        assert!(pages <= 60, "pagination does not end");
        if products["pageInfo"]["hasNextPage"] != true {
            return (seen, pages);
        }
        after = products["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn walking_all_pages_returns_every_product_once() {
    for service in common::start_all("products_pages_walk").await {
        let (seen, pages) = walk(&service, 7, Value::Null).await;
        assert_eq!(seen, (1..=50).collect::<Vec<i64>>(), "{}", service.backend);
        assert_eq!(pages, 8);
        service.cleanup().await;
    }
}

#[tokio::test]
async fn a_category_filter_pages_through_exactly_that_category() {
    let catalogue = common::catalogue();
    for service in common::start_all("products_pages_category").await {
        for category in ["ELECTRONICS", "GROCERY"] {
            let expected: Vec<i64> = catalogue
                .iter()
                .filter(|p| p.category.name() == category)
                .map(|p| p.id)
                .collect();
            assert!(!expected.is_empty(), "the test seed has no {category}");
            let (seen, _) = walk(&service, 2, json!(category)).await;
            assert_eq!(seen, expected, "{} {category}", service.backend);
            let response = service
                .client
                .query(PAGE, json!({ "first": 1, "category": category }))
                .await;
            assert_eq!(
                response["data"]["products"]["totalCount"],
                expected.len(),
                "{} {category}",
                service.backend
            );
        }
        service.cleanup().await;
    }
}

#[tokio::test]
async fn out_of_range_first_and_malformed_cursors_are_bad_user_input() {
    for service in common::start_all("products_pages_invalid").await {
        for variables in [
            json!({ "first": 0 }),
            json!({ "first": 101 }),
            json!({ "after": "garbage" }),
            json!({ "after": "" }),
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
    for service in common::start_all("products_pages_statements").await {
        service.statements.reset();
        let response = service.client.query(PAGE, json!({ "first": 50 })).await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        assert_eq!(
            response["data"]["products"]["nodes"]
                .as_array()
                .map(Vec::len),
            Some(50)
        );
        assert_eq!(
            response["data"]["products"]["pageInfo"]["hasNextPage"],
            false
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
