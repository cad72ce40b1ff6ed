//! Starts the real service on 127.0.0.1:0 over a test database, plus the seed as an oracle.

#![allow(dead_code)]

use serde_json::{Value, json};
use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

use reviews::seed::SeedReview;

pub use subgraph_kit::testing::Served as Service;

/// Migrates and seeds `database` with [`SeedSize::TEST`], then serves it.
pub async fn start(database: &TestDatabase) -> Service {
    subgraph_kit::testing::start::<reviews::Reviews>(database).await
}

/// Seeded reviews with their ids (ids follow seed order, starting at 1).
pub fn seeded() -> Vec<(i64, SeedReview)> {
    reviews::seed::reviews(SeedSize::TEST)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as i64 + 1, r))
        .collect()
}

/// Ids of the newest `first` seeded reviews matching `keep` (seeded ids grow with time).
pub fn newest_ids(keep: impl Fn(&SeedReview) -> bool, first: usize) -> Vec<String> {
    let mut ids: Vec<i64> = seeded()
        .into_iter()
        .filter(|(_, r)| keep(r))
        .map(|(id, _)| id)
        .collect();
    ids.reverse();
    ids.into_iter()
        .take(first)
        .map(|id| id.to_string())
        .collect()
}

/// `(count, average)` of a product's seeded reviews.
pub fn product_stats(product_id: i64) -> (usize, Option<f64>) {
    let ratings: Vec<i32> = seeded()
        .into_iter()
        .filter(|(_, r)| r.product_id == product_id)
        .map(|(_, r)| r.rating)
        .collect();
    let average = (!ratings.is_empty())
        .then(|| f64::from(ratings.iter().sum::<i32>()) / ratings.len() as f64);
    (ratings.len(), average)
}

/// A seeded product with at least `min` reviews.
pub fn product_with_reviews(min: usize) -> i64 {
    (1..=i64::from(SeedSize::TEST.products))
        .find(|id| product_stats(*id).0 >= min)
        .expect("the test seed has such a product")
}

/// The `id`s of a JSON list of objects.
pub fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("expected a list, got {list}"))
        .iter()
        .map(|item| item["id"].as_str().expect("id").to_owned())
        .collect()
}

pub fn reference(typename: &str, id: impl ToString) -> Value {
    json!({ "__typename": typename, "id": id.to_string() })
}

pub fn no_errors(response: &Value) {
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response}"
    );
}
