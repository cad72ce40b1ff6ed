//! `topProducts`, `searchProducts` and the `search` union.

mod common;

use std::collections::BTreeSet;

use serde_json::json;
use subgraph_kit::testing::error_codes;

fn ids(list: &serde_json::Value) -> Vec<i64> {
    list.as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["id"].as_str().and_then(|id| id.parse().ok()))
        .collect()
}

#[tokio::test]
async fn top_products_are_the_most_popular() {
    let mut expected = common::catalogue();
    expected.sort_by_key(|p| (-p.popularity, p.id));
    let expected: Vec<i64> = expected.iter().map(|p| p.id).collect();
    for service in common::start_all("products_top").await {
        let response = service
            .client
            .query(
                "{ default: topProducts { id } all: topProducts(first: 100) { id } }",
                json!({}),
            )
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        assert_eq!(
            ids(&response["data"]["default"]),
            expected[..5],
            "{}",
            service.backend
        );
        assert_eq!(
            ids(&response["data"]["all"]),
            expected,
            "{}",
            service.backend
        );
        for first in [0, 101, -1] {
            let response = service
                .client
                .query(
                    "query ($first: Int) { topProducts(first: $first) { id } }",
                    json!({ "first": first }),
                )
                .await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{} {first}: {response}",
                service.backend
            );
        }
        service.cleanup().await;
    }
}

const SEARCH_PRODUCTS: &str = "query ($text: String!, $first: Int) { searchProducts(text: $text, first: $first) { id name description } }";

#[tokio::test]
async fn search_products_ignores_case_on_every_database() {
    let catalogue = common::catalogue();
    // A material word from the first product's name, shouted.
    let word = catalogue[0]
        .name
        .split(' ')
        .nth(1)
        .expect("material")
        .to_uppercase();
    let expected: BTreeSet<i64> = catalogue
        .iter()
        .filter(|p| {
            let lower = word.to_lowercase();
            p.name.to_lowercase().contains(&lower) || p.description.to_lowercase().contains(&lower)
        })
        .map(|p| p.id)
        .collect();
    assert!(expected.contains(&1));
    for service in common::start_all("products_search_case").await {
        let response = service
            .client
            .query(SEARCH_PRODUCTS, json!({ "text": word, "first": 100 }))
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let found = ids(&response["data"]["searchProducts"]);
        assert_eq!(
            found.iter().copied().collect::<BTreeSet<_>>(),
            expected,
            "{} {word}",
            service.backend
        );
        // Most popular first.
        let popularity: Vec<i32> = found
            .iter()
            .map(|id| catalogue[usize::try_from(*id - 1).expect("id")].popularity)
            .collect();
        assert!(
            popularity.windows(2).all(|w| w[0] >= w[1]),
            "{popularity:?}"
        );
        let limited = service
            .client
            .query(
                SEARCH_PRODUCTS,
                json!({ "text": word.to_lowercase(), "first": 1 }),
            )
            .await;
        assert_eq!(ids(&limited["data"]["searchProducts"]), found[..1]);
        service.cleanup().await;
    }
}

#[tokio::test]
async fn like_wildcards_in_the_text_match_literally() {
    for service in common::start_all("products_search_wildcards").await {
        for text in ["%", "_", "\\"] {
            let response = service
                .client
                .query(SEARCH_PRODUCTS, json!({ "text": text }))
                .await;
            assert_eq!(
                response["data"]["searchProducts"],
                json!([]),
                "{} {text}: {response}",
                service.backend
            );
        }
        service.cleanup().await;
    }
}

#[tokio::test]
async fn blank_or_oversized_text_and_bad_first_are_bad_user_input() {
    for service in common::start_all("products_search_invalid").await {
        let long = "a".repeat(201);
        for variables in [
            json!({ "text": "" }),
            json!({ "text": "   " }),
            json!({ "text": long }),
            json!({ "text": "oak", "first": 0 }),
            json!({ "text": "oak", "first": 101 }),
        ] {
            for query in [
                SEARCH_PRODUCTS,
                "query ($text: String!, $first: Int) { search(text: $text, first: $first) { __typename } }",
            ] {
                let response = service.client.query(query, variables.clone()).await;
                assert_eq!(
                    error_codes(&response),
                    ["BAD_USER_INPUT"],
                    "{} {variables}: {response}",
                    service.backend
                );
            }
        }
        let ok = service
            .client
            .query(SEARCH_PRODUCTS, json!({ "text": "é".repeat(200) }))
            .await;
        assert!(ok["errors"].is_null(), "200 characters are allowed: {ok}");
        service.cleanup().await;
    }
}

const SEARCH: &str = r#"
    query ($text: String!, $first: Int) {
        search(text: $text, first: $first) {
            __typename
            ... on CategoryMatch { category productCount }
            ... on Product { id name }
        }
    }
"#;

#[tokio::test]
async fn search_returns_category_matches_then_products() {
    let catalogue = common::catalogue();
    for service in common::start_all("products_search_union").await {
        let response = service
            .client
            .query(SEARCH, json!({ "text": "Electronics", "first": 100 }))
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let results = response["data"]["search"].as_array().expect("results");
        let electronics = catalogue
            .iter()
            .filter(|p| p.category.name() == "ELECTRONICS")
            .count();
        assert_eq!(
            results[0],
            json!({ "__typename": "CategoryMatch", "category": "ELECTRONICS", "productCount": electronics }),
            "{}",
            service.backend
        );
        assert!(
            results[1..].iter().all(|r| r["__typename"] == "Product"),
            "{results:?}"
        );

        // A text naming no category returns products only; `first` bounds the whole list.
        let material = catalogue[0].name.split(' ').nth(1).expect("material");
        let products = service
            .client
            .query(SEARCH, json!({ "text": material, "first": 2 }))
            .await;
        let products = products["data"]["search"]
            .as_array()
            .expect("results")
            .clone();
        assert!(!products.is_empty() && products.len() <= 2, "{products:?}");
        assert!(products.iter().all(|r| r["__typename"] == "Product"));

        let only_category = service
            .client
            .query(SEARCH, json!({ "text": "groc", "first": 1 }))
            .await;
        assert_eq!(
            only_category["data"]["search"][0]["category"], "GROCERY",
            "{only_category}"
        );
        assert_eq!(
            only_category["data"]["search"].as_array().map(Vec::len),
            Some(1)
        );
        service.cleanup().await;
    }
}
