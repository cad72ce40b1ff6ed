//! N representations or N nested lists cost one SQL statement per level, counted on the wire.

mod common;

use common::{data, start};
use serde_json::{Value, json};
use subgraph_kit::testing::TestDatabase;

fn representations(typename: &str, ids: impl IntoIterator<Item = i64>) -> Value {
    ids.into_iter()
        .map(|id| json!({ "__typename": typename, "id": id.to_string() }))
        .collect()
}

#[tokio::test]
async fn user_carts_and_orders_load_in_one_statement_per_level() {
    for test in TestDatabase::all("batching_user_carts_orders").await {
        let service = start(&test).await;
        let query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id cart { id totalQuantity items { product { id } quantity } } orders { id status items { product { id } quantity } } } } }";
        service.counter.reset();
        let response = service
            .client
            .query(query, json!({ "r": representations("User", 1..=300) }))
            .await;
        let entities = data(&response)["_entities"].as_array().unwrap().clone();
        assert_eq!(entities.len(), 300);
        let carts = entities.iter().filter(|e| !e["cart"].is_null()).count();
        let orders: usize = entities
            .iter()
            .map(|e| e["orders"].as_array().unwrap().len())
            .sum();
        assert!(
            carts >= 2 && orders >= 2,
            "the seed spans several carts and orders"
        );
        // carts by user, orders by user, then cart lines and order lines.
        assert_eq!(
            service.counter.count(),
            4,
            "{}: {:#?}",
            service.backend,
            service.counter.statements()
        );
        test.cleanup().await;
    }
}

#[tokio::test]
async fn cart_and_order_representations_load_in_one_statement_each() {
    for test in TestDatabase::all("batching_cart_order_entities").await {
        let service = start(&test).await;
        let seed = carts::seed::generate(subgraph_kit::seed::SeedSize::TEST);
        let order_ids: Vec<i64> = seed.orders.iter().map(|o| o.id.clone().unwrap()).collect();
        assert!(order_ids.len() >= 3);
        let mut reps = representations("Cart", 1..=5).as_array().unwrap().clone();
        reps.extend(
            representations("Order", order_ids.clone())
                .as_array()
                .unwrap()
                .clone(),
        );
        service.counter.reset();
        let response = service
            .client
            .query(
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Cart { id } ... on Order { id } } }",
                json!({ "r": reps }),
            )
            .await;
        let entities = data(&response)["_entities"].as_array().unwrap().clone();
        assert_eq!(entities.len(), 5 + order_ids.len());
        assert!(entities.iter().all(|e| !e.is_null()));
        // carts by id and orders by id.
        assert_eq!(
            service.counter.count(),
            2,
            "{}: {:#?}",
            service.backend,
            service.counter.statements()
        );
        test.cleanup().await;
    }
}
