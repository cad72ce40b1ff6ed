//! `cart`, `order` and `User.orders`, with their errors.

mod common;

use common::{add, data, start};
use serde_json::json;
use subgraph_kit::{
    seed::SeedSize,
    testing::{TestDatabase, error_codes},
};

/// The seeded lines of `user`'s cart, as the API lists them.
fn seeded_lines(user: i64) -> Vec<(String, i64)> {
    let seed = carts::seed::generate(SeedSize::TEST);
    seed.cart_items
        .iter()
        .filter(|i| i.cart_id.clone().unwrap() == user)
        .map(|i| {
            (
                i.product_id.clone().unwrap().to_string(),
                i64::from(i.quantity.clone().unwrap()),
            )
        })
        .collect()
}

#[tokio::test]
async fn cart_returns_the_signed_in_users_seeded_cart() {
    for test in TestDatabase::all("cart_returns_seeded_cart").await {
        let service = start(&test).await;
        let response = service
            .client
            .as_user(1)
            .query(
                "{ cart { id user { id } totalQuantity items { product { id } quantity } } }",
                json!({}),
            )
            .await;
        let cart = &data(&response)["cart"];
        assert_eq!(cart["id"], "1", "{}", service.backend);
        assert_eq!(cart["user"]["id"], "1");
        let expected = seeded_lines(1);
        assert!(!expected.is_empty());
        assert_eq!(common::lines(&service.client, 1).await, expected);
        let total: i64 = expected.iter().map(|(_, q)| q).sum();
        assert_eq!(cart["totalQuantity"], total);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn cart_is_null_for_a_user_who_never_had_one() {
    for test in TestDatabase::all("cart_is_null_without_cart").await {
        let service = start(&test).await;
        let response = service
            .client
            .as_user(19)
            .query("{ cart { id } }", json!({}))
            .await;
        assert!(
            data(&response)["cart"].is_null(),
            "{}: {response}",
            service.backend
        );
        test.cleanup().await;
    }
}

#[tokio::test]
async fn cart_and_order_need_a_signed_in_user() {
    for test in TestDatabase::all("cart_needs_user").await {
        let service = start(&test).await;
        for query in ["{ cart { id } }", "{ order(id: \"1\") { id } }"] {
            let response = service.client.query(query, json!({})).await;
            assert_eq!(error_codes(&response), ["UNAUTHENTICATED"], "{query}");
            let response = service.client.as_user("abc").query(query, json!({})).await;
            assert_eq!(error_codes(&response), ["UNAUTHENTICATED"], "{query}");
        }
        test.cleanup().await;
    }
}

#[tokio::test]
async fn order_is_visible_to_its_owner_only() {
    for test in TestDatabase::all("order_owner_only").await {
        let service = start(&test).await;
        let seed = carts::seed::generate(SeedSize::TEST);
        let order = seed.orders.first().expect("seeded orders");
        let (id, owner) = (order.id.clone().unwrap(), order.user_id.clone().unwrap());
        let query = "query($id: ID!) { order(id: $id) { id user { id } status createdAt items { product { id } quantity } } }";

        let response = service
            .client
            .as_user(owner)
            .query(query, json!({ "id": id.to_string() }))
            .await;
        let found = &data(&response)["order"];
        assert_eq!(found["id"], id.to_string(), "{}", service.backend);
        assert_eq!(found["user"]["id"], owner.to_string());
        let expected_lines = seed
            .order_items
            .iter()
            .filter(|i| i.order_id.clone().unwrap() == id)
            .count();
        assert_eq!(found["items"].as_array().unwrap().len(), expected_lines);

        let stranger = owner + 1;
        let response = service
            .client
            .as_user(stranger)
            .query(query, json!({ "id": id.to_string() }))
            .await;
        assert_eq!(error_codes(&response), ["NOT_FOUND"]);
        assert!(response["data"]["order"].is_null());

        let response = service
            .client
            .as_user(owner)
            .query(query, json!({ "id": "999999" }))
            .await;
        assert_eq!(error_codes(&response), ["NOT_FOUND"]);
        let response = service
            .client
            .as_user(owner)
            .query(query, json!({ "id": "x1" }))
            .await;
        assert_eq!(error_codes(&response), ["BAD_USER_INPUT"]);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn user_orders_lists_newest_first_and_honours_first() {
    for test in TestDatabase::all("user_orders_newest_first").await {
        let service = start(&test).await;
        // A fresh user with three orders placed one after another.
        let user = 17;
        for product in ["1", "2", "3"] {
            data(&add(&service.client, user, product, 1).await);
            let response = service
                .client
                .as_user(user)
                .query("mutation { checkout { id } }", json!({}))
                .await;
            data(&response);
        }
        let query = "query($u: ID!, $first: Int) { _entities(representations: [{ __typename: \"User\", id: $u }]) { ... on User { orders(first: $first) { id items { product { id } } } } } }";
        let response = service
            .client
            .query(query, json!({ "u": user.to_string(), "first": null }))
            .await;
        let orders = data(&response)["_entities"][0]["orders"]
            .as_array()
            .unwrap()
            .clone();
        let products: Vec<&str> = orders
            .iter()
            .map(|o| o["items"][0]["product"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(products, ["3", "2", "1"], "{}", service.backend);

        let response = service
            .client
            .query(query, json!({ "u": user.to_string(), "first": 2 }))
            .await;
        assert_eq!(
            data(&response)["_entities"][0]["orders"]
                .as_array()
                .unwrap()
                .len(),
            2
        );

        for bad in [0, -1, 101] {
            let response = service
                .client
                .query(query, json!({ "u": user.to_string(), "first": bad }))
                .await;
            assert_eq!(error_codes(&response), ["BAD_USER_INPUT"], "first = {bad}");
        }
        test.cleanup().await;
    }
}
