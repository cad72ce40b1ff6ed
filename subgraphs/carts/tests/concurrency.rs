//! Concurrent mutations through real HTTP: no lost updates, no duplicated or lost units at
//! checkout, no "database is locked" on SQLite.

mod common;

use std::collections::BTreeMap;

use common::{add, data, lines, start};
use futures::future::join_all;
use serde_json::{Value, json};
use subgraph_kit::testing::{Client, TestDatabase, error_codes};

const CONCURRENT: i64 = 50;
/// A user beyond the seeded carts and orders, so the first adds also race to create the cart.
const FRESH_USER: i64 = 16;

fn assert_ok(response: &Value, backend: &str) {
    assert!(
        response.get("errors").is_none(),
        "{backend}: a concurrent mutation failed: {response:#}"
    );
}

#[tokio::test]
async fn concurrent_adds_of_one_product_never_lose_an_update() {
    for test in TestDatabase::all("concurrent_adds_same_product").await {
        let service = start(&test).await;
        let responses =
            join_all((0..CONCURRENT).map(|_| add(&service.client, FRESH_USER, "42", 1))).await;
        for response in &responses {
            assert_ok(response, service.backend);
        }
        let cart_ids: std::collections::BTreeSet<String> = responses
            .iter()
            .map(|r| r["data"]["addToCart"]["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            cart_ids.len(),
            1,
            "{}: one cart, got {cart_ids:?}",
            service.backend
        );
        assert_eq!(
            lines(&service.client, FRESH_USER).await,
            vec![("42".to_owned(), CONCURRENT)],
            "{}",
            service.backend
        );
        test.cleanup().await;
    }
}

#[tokio::test]
async fn concurrent_adds_of_different_products_all_land() {
    for test in TestDatabase::all("concurrent_adds_different_products").await {
        let service = start(&test).await;
        // 10 products, each added CONCURRENT / 10 times with quantity 2, all at once.
        let requests = (0..CONCURRENT).map(|i| {
            let product = (i % 10 + 1).to_string();
            let client = service.client.clone();
            async move { add(&client, FRESH_USER, &product, 2).await }
        });
        for response in join_all(requests).await {
            assert_ok(&response, service.backend);
        }
        let got: BTreeMap<String, i64> = lines(&service.client, FRESH_USER)
            .await
            .into_iter()
            .collect();
        let expected: BTreeMap<String, i64> = (1..=10)
            .map(|p| (p.to_string(), CONCURRENT / 10 * 2))
            .collect();
        assert_eq!(got, expected, "{}", service.backend);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn concurrent_adds_for_many_users_do_not_lock_each_other_out() {
    for test in TestDatabase::all("concurrent_adds_many_users").await {
        let service = start(&test).await;
        let users: Vec<i64> = (100..110).collect();
        let requests = (0..CONCURRENT).map(|i| {
            let user = users[(i % 10) as usize];
            let client = service.client.clone();
            async move { add(&client, user, "1", 1).await }
        });
        for response in join_all(requests).await {
            assert_ok(&response, service.backend);
        }
        for user in users {
            assert_eq!(
                lines(&service.client, user).await,
                vec![("1".to_owned(), CONCURRENT / 10)],
                "{}: user {user}",
                service.backend
            );
        }
        test.cleanup().await;
    }
}

/// Units of each product in all of the user's orders.
async fn ordered_units(client: &Client, user: i64) -> BTreeMap<String, i64> {
    let response = client
        .query(
            "query($u: ID!) { _entities(representations: [{ __typename: \"User\", id: $u }]) { ... on User { orders(first: 100) { items { product { id } quantity } } } } }",
            json!({ "u": user.to_string() }),
        )
        .await;
    let mut units = BTreeMap::new();
    for order in data(&response)["_entities"][0]["orders"]
        .as_array()
        .unwrap()
    {
        for item in order["items"].as_array().unwrap() {
            *units
                .entry(item["product"]["id"].as_str().unwrap().to_owned())
                .or_insert(0) += item["quantity"].as_i64().unwrap();
        }
    }
    units
}

#[tokio::test]
async fn checkout_racing_adds_neither_loses_nor_duplicates_units() {
    for test in TestDatabase::all("checkout_racing_adds").await {
        let service = start(&test).await;
        let client = &service.client;
        // Something to check out even if every checkout runs before every add.
        data(&add(client, FRESH_USER, "1", 1).await);
        let adds = (0..CONCURRENT).map(|i| {
            let client = client.clone();
            let product = (i % 5 + 1).to_string();
            async move { add(&client, FRESH_USER, &product, 1).await }
        });
        let checkouts = (0..5).map(|_| {
            let client = client.as_user(FRESH_USER);
            async move {
                client
                    .query("mutation { checkout { id } }", json!({}))
                    .await
            }
        });
        let (add_responses, checkout_responses) = tokio::join!(join_all(adds), join_all(checkouts));
        for response in &add_responses {
            assert_ok(response, service.backend);
        }
        let mut placed = 0;
        for response in &checkout_responses {
            // A checkout that finds the cart emptied by another one is refused, nothing else.
            if response.get("errors").is_some() {
                assert_eq!(
                    error_codes(response),
                    ["BAD_USER_INPUT"],
                    "{}: {response}",
                    service.backend
                );
            } else {
                placed += 1;
            }
        }
        assert!(
            placed >= 1,
            "{}: the first checkout had a non-empty cart",
            service.backend
        );

        let mut total = ordered_units(client, FRESH_USER).await;
        for (product, quantity) in lines(client, FRESH_USER).await {
            *total.entry(product).or_insert(0) += quantity;
        }
        let mut expected: BTreeMap<String, i64> =
            (1..=5).map(|p| (p.to_string(), CONCURRENT / 5)).collect();
        *expected.get_mut("1").unwrap() += 1;
        assert_eq!(
            total, expected,
            "{}: units in orders + cart",
            service.backend
        );
        test.cleanup().await;
    }
}
