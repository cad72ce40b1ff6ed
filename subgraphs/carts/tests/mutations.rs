//! The cart mutations and checkout, one behaviour each, with their error codes.

mod common;

use common::{add, data, lines, start};
use serde_json::{Value, json};
use subgraph_kit::testing::{Client, TestDatabase, error_codes};

/// A user beyond the seeded carts and orders.
const FRESH_USER: i64 = 18;

async fn mutate(client: &Client, user: i64, mutation: &str, variables: Value) -> Value {
    client.as_user(user).query(mutation, variables).await
}

const UPDATE: &str = "mutation($p: ID!, $q: Int!) { updateCartItem(productId: $p, quantity: $q) { totalQuantity items { product { id } quantity } } }";
const REMOVE: &str = "mutation($p: ID!) { removeFromCart(productId: $p) { totalQuantity } }";
const CLEAR: &str = "mutation { clearCart { id totalQuantity items { quantity } } }";
const CHECKOUT: &str =
    "mutation { checkout { id user { id } status createdAt items { product { id } quantity } } }";

fn owned(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs.iter().map(|(p, q)| ((*p).to_owned(), *q)).collect()
}

#[tokio::test]
async fn add_to_cart_creates_the_cart_and_adds_to_existing_quantities() {
    for test in TestDatabase::all("add_to_cart_accumulates").await {
        let service = start(&test).await;
        let client = &service.client;
        let first = add(client, FRESH_USER, "7", 2).await;
        let cart = &data(&first)["addToCart"];
        assert_eq!(
            cart["user"]["id"],
            FRESH_USER.to_string(),
            "{}",
            service.backend
        );
        assert_eq!(cart["totalQuantity"], 2);
        let cart_id = cart["id"].clone();

        add(client, FRESH_USER, "9", 1).await;
        let third = add(client, FRESH_USER, "7", 3).await;
        let cart = &data(&third)["addToCart"];
        assert_eq!(cart["id"], cart_id, "one cart per user");
        assert_eq!(cart["totalQuantity"], 6);
        assert_eq!(
            lines(client, FRESH_USER).await,
            owned(&[("7", 5), ("9", 1)])
        );
        test.cleanup().await;
    }
}

#[tokio::test]
async fn add_to_cart_rejects_bad_quantities_and_product_ids() {
    for test in TestDatabase::all("add_to_cart_rejects_bad_input").await {
        let service = start(&test).await;
        let client = &service.client;
        for quantity in [0, -1, 100] {
            let response = add(client, FRESH_USER, "1", quantity).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "quantity {quantity}"
            );
        }
        for product in ["0", "-4", "abc", "1.5", ""] {
            let response = add(client, FRESH_USER, product, 1).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "product {product:?}"
            );
        }
        // Nothing above may have created the cart.
        let response = client
            .as_user(FRESH_USER)
            .query("{ cart { id } }", json!({}))
            .await;
        assert!(data(&response)["cart"].is_null(), "{}", service.backend);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn add_to_cart_caps_a_line_at_999_and_keeps_the_old_quantity() {
    for test in TestDatabase::all("add_to_cart_caps_line").await {
        let service = start(&test).await;
        let client = &service.client;
        for _ in 0..10 {
            data(&add(client, FRESH_USER, "5", 99).await);
        }
        data(&add(client, FRESH_USER, "5", 9).await);
        assert_eq!(lines(client, FRESH_USER).await, owned(&[("5", 999)]));
        let response = add(client, FRESH_USER, "5", 1).await;
        assert_eq!(
            error_codes(&response),
            ["BAD_USER_INPUT"],
            "{}",
            service.backend
        );
        assert_eq!(lines(client, FRESH_USER).await, owned(&[("5", 999)]));
        test.cleanup().await;
    }
}

#[tokio::test]
async fn update_cart_item_sets_the_quantity_and_zero_removes_the_line() {
    for test in TestDatabase::all("update_cart_item_sets").await {
        let service = start(&test).await;
        let client = &service.client;
        add(client, FRESH_USER, "3", 2).await;
        add(client, FRESH_USER, "4", 2).await;
        let response = mutate(client, FRESH_USER, UPDATE, json!({ "p": "3", "q": 40 })).await;
        assert_eq!(
            data(&response)["updateCartItem"]["totalQuantity"],
            42,
            "{}",
            service.backend
        );
        let response = mutate(client, FRESH_USER, UPDATE, json!({ "p": "4", "q": 0 })).await;
        assert_eq!(data(&response)["updateCartItem"]["totalQuantity"], 40);
        assert_eq!(lines(client, FRESH_USER).await, owned(&[("3", 40)]));
        test.cleanup().await;
    }
}

#[tokio::test]
async fn update_cart_item_rejects_missing_products_and_bad_quantities() {
    for test in TestDatabase::all("update_cart_item_errors").await {
        let service = start(&test).await;
        let client = &service.client;
        add(client, FRESH_USER, "3", 2).await;
        for quantity in [5, 0] {
            let response = mutate(
                client,
                FRESH_USER,
                UPDATE,
                json!({ "p": "8", "q": quantity }),
            )
            .await;
            assert_eq!(
                error_codes(&response),
                ["NOT_FOUND"],
                "{}: quantity {quantity}",
                service.backend
            );
        }
        for quantity in [-1, 1000] {
            let response = mutate(
                client,
                FRESH_USER,
                UPDATE,
                json!({ "p": "3", "q": quantity }),
            )
            .await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "quantity {quantity}"
            );
        }
        let response = mutate(client, FRESH_USER, UPDATE, json!({ "p": "x", "q": 1 })).await;
        assert_eq!(error_codes(&response), ["BAD_USER_INPUT"]);
        assert_eq!(lines(client, FRESH_USER).await, owned(&[("3", 2)]));
        test.cleanup().await;
    }
}

#[tokio::test]
async fn remove_from_cart_removes_a_line_or_says_not_found() {
    for test in TestDatabase::all("remove_from_cart").await {
        let service = start(&test).await;
        let client = &service.client;
        add(client, FRESH_USER, "3", 2).await;
        add(client, FRESH_USER, "4", 1).await;
        let response = mutate(client, FRESH_USER, REMOVE, json!({ "p": "3" })).await;
        assert_eq!(
            data(&response)["removeFromCart"]["totalQuantity"],
            1,
            "{}",
            service.backend
        );
        let response = mutate(client, FRESH_USER, REMOVE, json!({ "p": "3" })).await;
        assert_eq!(error_codes(&response), ["NOT_FOUND"]);
        let response = mutate(client, FRESH_USER, REMOVE, json!({ "p": "0" })).await;
        assert_eq!(error_codes(&response), ["BAD_USER_INPUT"]);
        assert_eq!(lines(client, FRESH_USER).await, owned(&[("4", 1)]));
        test.cleanup().await;
    }
}

#[tokio::test]
async fn clear_cart_empties_the_cart_and_keeps_its_id() {
    for test in TestDatabase::all("clear_cart").await {
        let service = start(&test).await;
        let client = &service.client;
        // User 1 has a seeded, non-empty cart with id 1.
        let response = mutate(client, 1, CLEAR, json!({})).await;
        let cart = &data(&response)["clearCart"];
        assert_eq!(cart["id"], "1", "{}", service.backend);
        assert_eq!(cart["totalQuantity"], 0);
        assert_eq!(cart["items"], json!([]));
        // A user without a cart gets an empty one.
        let response = mutate(client, FRESH_USER, CLEAR, json!({})).await;
        assert_eq!(data(&response)["clearCart"]["totalQuantity"], 0);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn checkout_turns_the_cart_into_a_placed_order_and_empties_it() {
    for test in TestDatabase::all("checkout_places_order").await {
        let service = start(&test).await;
        let client = &service.client;
        add(client, FRESH_USER, "12", 2).await;
        add(client, FRESH_USER, "11", 1).await;
        let response = mutate(client, FRESH_USER, CHECKOUT, json!({})).await;
        let order = data(&response)["checkout"].clone();
        assert_eq!(order["status"], "PLACED", "{}", service.backend);
        assert_eq!(order["user"]["id"], FRESH_USER.to_string());
        assert_eq!(
            order["items"],
            json!([
                { "product": { "id": "12" }, "quantity": 2 },
                { "product": { "id": "11" }, "quantity": 1 },
            ])
        );
        assert!(lines(client, FRESH_USER).await.is_empty());

        let response = client
            .as_user(FRESH_USER)
            .query(
                "query($id: ID!) { order(id: $id) { id items { quantity } } }",
                json!({ "id": order["id"] }),
            )
            .await;
        assert_eq!(data(&response)["order"]["id"], order["id"]);
        test.cleanup().await;
    }
}

#[tokio::test]
async fn checkout_of_an_empty_cart_is_bad_input_and_creates_no_order() {
    for test in TestDatabase::all("checkout_empty_cart").await {
        let service = start(&test).await;
        let client = &service.client;
        let response = mutate(client, FRESH_USER, CHECKOUT, json!({})).await;
        assert_eq!(
            error_codes(&response),
            ["BAD_USER_INPUT"],
            "{}",
            service.backend
        );
        mutate(client, FRESH_USER, CLEAR, json!({})).await;
        let response = mutate(client, FRESH_USER, CHECKOUT, json!({})).await;
        assert_eq!(error_codes(&response), ["BAD_USER_INPUT"]);
        let response = client
            .query(
                "query($u: ID!) { _entities(representations: [{ __typename: \"User\", id: $u }]) { ... on User { orders { id } } } }",
                json!({ "u": FRESH_USER.to_string() }),
            )
            .await;
        assert_eq!(data(&response)["_entities"][0]["orders"], json!([]));
        test.cleanup().await;
    }
}

#[tokio::test]
async fn every_mutation_needs_a_signed_in_user() {
    for test in TestDatabase::all("mutations_need_user").await {
        let service = start(&test).await;
        let mutations = [
            (
                "mutation { addToCart(productId: \"1\", quantity: 1) { id } }",
                "addToCart",
            ),
            (
                "mutation { updateCartItem(productId: \"1\", quantity: 1) { id } }",
                "updateCartItem",
            ),
            (
                "mutation { removeFromCart(productId: \"1\") { id } }",
                "removeFromCart",
            ),
            ("mutation { clearCart { id } }", "clearCart"),
            ("mutation { checkout { id } }", "checkout"),
        ];
        for (mutation, name) in mutations {
            let response = service.client.query(mutation, json!({})).await;
            assert_eq!(error_codes(&response), ["UNAUTHENTICATED"], "{name}");
            let response = service.client.as_user("0").query(mutation, json!({})).await;
            assert_eq!(
                error_codes(&response),
                ["UNAUTHENTICATED"],
                "{name} as user 0"
            );
        }
        test.cleanup().await;
    }
}
