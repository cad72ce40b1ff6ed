//! Shared test setup: a seeded carts service on 127.0.0.1:0 over a test database.
#![allow(dead_code)]

use serde_json::{Value, json};
use subgraph_kit::testing::{Client, Served, StatementCounter, TestDatabase};

/// A running service and what the test needs to talk to it.
pub struct Service {
    pub client: Client,
    pub counter: StatementCounter,
    pub backend: &'static str,
}

/// Migrates and seeds `test` with `SeedSize::TEST`, then serves it with a statement counter.
pub async fn start(test: &TestDatabase) -> Service {
    let Served {
        client,
        statements,
        backend,
    } = subgraph_kit::testing::start::<carts::Carts>(test).await;
    Service {
        client,
        counter: statements,
        backend,
    }
}

/// `data`, after asserting there are no errors.
pub fn data(response: &Value) -> &Value {
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response:#}"
    );
    &response["data"]
}

pub const CART_FIELDS: &str =
    "id user { id } items { product { id } quantity } totalQuantity updatedAt";

/// Adds `quantity` of `product` to `user`'s cart and returns the response.
pub async fn add(client: &Client, user: i64, product: &str, quantity: i64) -> Value {
    client
        .as_user(user)
        .query(
            &format!(
                "mutation($p: ID!, $q: Int!) {{ addToCart(productId: $p, quantity: $q) {{ {CART_FIELDS} }} }}"
            ),
            json!({ "p": product, "q": quantity }),
        )
        .await
}

/// The signed-in user's cart lines as `(product id, quantity)`.
pub async fn lines(client: &Client, user: i64) -> Vec<(String, i64)> {
    let response = client
        .as_user(user)
        .query("{ cart { items { product { id } quantity } } }", json!({}))
        .await;
    let cart = &data(&response)["cart"];
    if cart.is_null() {
        return Vec::new();
    }
    cart["items"]
        .as_array()
        .expect("items list")
        .iter()
        .map(|item| {
            (
                item["product"]["id"]
                    .as_str()
                    .expect("product id")
                    .to_owned(),
                item["quantity"].as_i64().expect("quantity"),
            )
        })
        .collect()
}
