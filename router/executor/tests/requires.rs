//! `@requires`: nested and chained required fields reach the representations in order.

mod common;

use common::{Subgraphs, harness, key};
use serde_json::json;

fn products() -> serde_json::Value {
    json!({ "products": [
        { "__typename": "Product", "id": "1", "name": "Desk", "price": 200,
          "dimensions": { "size": 3, "weight": 40 } },
        { "__typename": "Product", "id": "2", "name": "Lamp", "price": 30,
          "dimensions": { "size": 1, "weight": 2 } },
    ] })
}

#[tokio::test]
async fn nested_required_fields_are_sent_with_their_sub_selection() {
    let h = harness("requires");
    let subgraphs = Subgraphs::new()
        .root("products", products())
        .entities("inventory", |rep| {
            let weight = rep["dimensions"]["weight"].as_i64().unwrap_or(0);
            json!({ "__typename": "Product", "delivery": { "days": weight / 10 + 1 } })
        });
    let response = h
        .run(
            r#"{ products { name delivery(zip: "75001") { days } } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [
            { "name": "Desk", "delivery": { "days": 5 } },
            { "name": "Lamp", "delivery": { "days": 1 } },
        ] } })
    );
    assert_eq!(
        subgraphs.requests_to("inventory")[0].representations(),
        vec![
            json!({ "__typename": "Product", "id": "1", "dimensions": { "size": 3, "weight": 40 } }),
            json!({ "__typename": "Product", "id": "2", "dimensions": { "size": 1, "weight": 2 } }),
        ]
    );
}

#[tokio::test]
async fn chained_requires_run_in_sequence_with_each_answer_in_the_next_representation() {
    let h = harness("requires");
    let subgraphs = Subgraphs::new()
        .root("products", products())
        .entities("inventory", |rep| {
            json!({ "__typename": "Product", "shippingCost": rep["price"].as_i64().unwrap_or(0) / 10 })
        })
        .entities("shipping", |rep| {
            assert!(rep.get("shippingCost").is_some(), "{rep}");
            let cost = rep["shippingCost"].as_i64().unwrap_or(0);
            json!({ "__typename": "Product", "insuranceCost": cost + key(rep, "id").len() as i64 })
        });
    let response = h
        .run("{ products { insuranceCost } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [{ "insuranceCost": 21 }, { "insuranceCost": 4 }] } })
    );
    let order: Vec<String> = subgraphs
        .requests()
        .iter()
        .map(|r| r.service.clone())
        .collect();
    assert_eq!(order, ["products", "inventory", "shipping"]);
}
