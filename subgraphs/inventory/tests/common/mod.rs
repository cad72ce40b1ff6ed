//! Starts the real service on 127.0.0.1:0 over a test database.

#![allow(dead_code)]

use serde_json::{Value, json};
use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

pub use subgraph_kit::testing::Served as Service;

/// Migrates and seeds `database` with [`SeedSize::TEST`], then serves it.
pub async fn start(database: &TestDatabase) -> Service {
    subgraph_kit::testing::start::<inventory::Inventory>(database).await
}

/// `(product_id, quantity)` for every seeded product, as the seed defines them.
pub fn seeded_stock() -> Vec<(i64, i32)> {
    inventory::seed::stock_levels(SeedSize::TEST)
}

/// The first seeded product matching `wanted`.
pub fn seeded_product(wanted: impl Fn(i32) -> bool) -> (i64, i32) {
    seeded_stock()
        .into_iter()
        .find(|(_, quantity)| wanted(*quantity))
        .expect("the test seed has such a product")
}

pub const ENTITIES: &str = r#"query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Product { id inStock quantityAvailable }
  }
}"#;

pub const SHIPPING: &str = r#"query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Product { id shippingEstimate }
  }
}"#;

pub fn product_ref(id: impl ToString) -> Value {
    json!({ "__typename": "Product", "id": id.to_string() })
}
