//! Plan nodes: `Parallel` children run concurrently, mutations' `Sequence` in order.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Subgraphs, harness};
use executor::{FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use serde_json::json;
use tokio::sync::Barrier;

/// Answers only once two requests are in flight at the same time.
struct Rendezvous {
    barrier: Arc<Barrier>,
}

#[async_trait::async_trait]
impl SubgraphTransport for Rendezvous {
    async fn fetch(&self, request: SubgraphRequest<'_>) -> Result<SubgraphResponse, FetchError> {
        self.barrier.wait().await;
        let data = match request.service_name {
            "users" => json!({ "me": { "__typename": "User", "id": "u1", "username": "ann" } }),
            _ => json!({ "topProducts": [{ "__typename": "Product", "upc": "1", "name": "A" }] }),
        };
        Ok(common::body(json!({ "data": data })))
    }
}

#[tokio::test]
async fn parallel_fetches_are_in_flight_at_the_same_time() {
    let h = harness("shop");
    let (prepared, plan) = h.prepare("{ me { username } topProducts { name } }", json!({}));
    assert!(plan.to_string().contains("Parallel"), "{plan}");
    let transport = Rendezvous {
        barrier: Arc::new(Barrier::new(2)),
    };
    let response = tokio::time::timeout(
        Duration::from_secs(5),
        h.executor
            .execute_prepared(&h.compiler, &prepared, &plan, &transport),
    )
    .await
    .expect("both fetches were sent before either finished");
    assert_eq!(
        serde_json::to_value(&response).expect("serializes"),
        json!({ "data": { "me": { "username": "ann" }, "topProducts": [{ "name": "A" }] } })
    );
}

#[tokio::test]
async fn mutations_run_their_top_level_fields_in_order() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root_with("reviews", |request| {
            let key = if request.query.contains("second") {
                "second"
            } else {
                "first"
            };
            Ok(common::body(
                json!({ "data": { key: { "__typename": "Review", "id": key, "body": key } } }),
            ))
        })
        .root(
            "carts",
            json!({ "cart": { "__typename": "Cart", "id": "c1", "items": [] } }),
        );
    let response = h
        .run(
            r#"mutation {
                first: addReview(upc: "1", body: "a") { id }
                cart: addToCart(upc: "1", quantity: 2) { id }
                second: addReview(upc: "1", body: "b") { body }
            }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "first": { "id": "first" }, "cart": { "id": "c1" }, "second": { "body": "second" } } })
    );
    let order: Vec<String> = subgraphs
        .requests()
        .iter()
        .map(|r| r.service.clone())
        .collect();
    assert_eq!(order, ["reviews", "carts", "reviews"]);
}

#[test]
fn execution_futures_can_be_spawned() {
    fn assert_send<T: Send>(_: &T) {}
    let h = harness("shop");
    let (prepared, plan) = h.prepare("{ me { username } }", json!({}));
    let subgraphs = Subgraphs::new();
    let future = h
        .executor
        .execute_prepared(&h.compiler, &prepared, &plan, &subgraphs);
    assert_send(&future);
}
