//! Keys as requirements: a key whose parts come from two subgraphs reaches the subgraph that
//! needs it whole (each part fetched first, merged, then sent), also inside a `@requires`
//! chain and for a nested key (the planner's fixture `key_requirements`).

mod common;

use common::{Subgraphs, harness, key};
use serde_json::json;

fn catalog() -> serde_json::Value {
    json!({ "products": [
        { "__typename": "Product", "id": "1", "upc": "u1", "name": "Desk" },
        { "__typename": "Product", "id": "2", "upc": "u2", "name": "Lamp" },
    ] })
}

#[tokio::test]
async fn a_key_made_of_two_subgraphs_fields_reaches_the_third_whole() {
    let h = harness("key_requirements");
    let subgraphs = Subgraphs::new()
        .root("catalog", catalog())
        .entities(
            "pricing",
            |rep| json!({ "__typename": "Product", "sku": format!("s{}", key(rep, "id")) }),
        )
        .entities("stock", |rep| {
            let level = if key(rep, "sku") == "s1" { 5 } else { 0 };
            json!({ "__typename": "Product", "inStock": level })
        })
        .entities("shipping", |rep| {
            let quote = rep["inStock"].as_i64().map_or(-1, |n| n * 10);
            json!({ "__typename": "Product", "shippingQuote": quote })
        });
    let response = h
        .run(
            "{ products { name inStock shippingQuote } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [
            { "name": "Desk", "inStock": 5, "shippingQuote": 50 },
            { "name": "Lamp", "inStock": 0, "shippingQuote": 0 },
        ] } })
    );
    assert_eq!(
        subgraphs.requests_to("stock")[0].representations(),
        vec![
            json!({ "__typename": "Product", "upc": "u1", "sku": "s1" }),
            json!({ "__typename": "Product", "upc": "u2", "sku": "s2" }),
        ]
    );
    assert_eq!(
        subgraphs.requests_to("shipping")[0].representations(),
        vec![
            json!({ "__typename": "Product", "id": "1", "inStock": 5 }),
            json!({ "__typename": "Product", "id": "2", "inStock": 0 }),
        ]
    );
}

#[tokio::test]
async fn a_nested_key_part_from_another_subgraph_is_sent_with_its_selection() {
    let h = harness("key_requirements");
    let subgraphs = Subgraphs::new()
        .root(
            "fleet",
            json!({ "vehicles": [{ "__typename": "Vehicle", "vin": "V1", "model": "T" }] }),
        )
        .entities("owners", |rep| {
            json!({ "__typename": "Vehicle", "owner": { "id": format!("p-{}", key(rep, "vin")) } })
        })
        .entities("registry", |rep| {
            let plate = format!("{}/{}", key(rep, "model"), key(&rep["owner"], "id"));
            json!({ "__typename": "Vehicle", "plate": plate })
        });
    let response = h.run("{ vehicles { plate } }", json!({}), &subgraphs).await;
    assert_eq!(
        response,
        json!({ "data": { "vehicles": [{ "plate": "T/p-V1" }] } })
    );
    assert_eq!(
        subgraphs.requests_to("registry")[0].representations(),
        vec![json!({ "__typename": "Vehicle", "model": "T", "owner": { "id": "p-V1" } })]
    );
}
