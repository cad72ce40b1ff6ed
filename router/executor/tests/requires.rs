//! `@requires`: nested and chained required fields reach the representations in order.

mod common;

use common::{Subgraphs, body, harness, key};
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

/// Answers the products root query as a subgraph would: each field under the response key the
/// query gives it, `price` in the currency it asks (EUR by default: 100; USD: 110; GBP: 90), so an answer
/// read from the wrong key shows.
fn products_answering_the_query(request: &common::Recorded) -> serde_json::Value {
    use apollo_compiler::ast::{Definition, Selection};
    let document =
        apollo_compiler::ast::Document::parse(&request.query, "q.graphql").expect("valid query");
    let Some(Definition::OperationDefinition(operation)) = document.definitions.first() else {
        panic!("one operation: {}", request.query);
    };
    let Some(Selection::Field(products)) = operation.selection_set.first() else {
        panic!("products first: {}", request.query);
    };
    json!({ "products": [answer(&products.selection_set, &request.query)] })
}

fn answer(selections: &[apollo_compiler::ast::Selection], query: &str) -> serde_json::Value {
    use apollo_compiler::ast::{Selection, Value};
    let asks = |field: &apollo_compiler::ast::Field, name: &str, value: &str| {
        field
            .arguments
            .iter()
            .any(|a| a.name == name && matches!(&*a.value, Value::String(v) if v == value))
    };
    let mut object = serde_json::Map::new();
    for selection in selections {
        let Selection::Field(field) = selection else {
            panic!("flat selection expected: {query}");
        };
        let key = field.alias.as_ref().unwrap_or(&field.name).to_string();
        let value = match field.name.as_str() {
            "__typename" => json!("Product"),
            "id" => json!("1"),
            "name" => json!("Desk"),
            "price" if asks(field, "currency", "USD") => json!(110),
            "price" if asks(field, "currency", "GBP") => json!(90),
            "price" => json!(100),
            "dimensions" => answer(&field.selection_set, query),
            "size" => json!(if asks(field, "unit", "in") { 12 } else { 30 }),
            "weight" => json!(40),
            other => panic!("unexpected field {other}: {query}"),
        };
        object.insert(key, value);
    }
    serde_json::Value::Object(object)
}

fn priced_subgraphs() -> Subgraphs {
    Subgraphs::new()
        .root_with("products", |request| {
            Ok(body(json!({ "data": products_answering_the_query(request) })))
        })
        .entities("shipping", |rep| match rep["price"].as_i64() {
            Some(price) => json!({ "__typename": "Product", "customsFee": price + 1 }),
            None => json!({ "__typename": "Product", "insuranceCost": rep["shippingCost"].as_i64().unwrap_or(0) + 1 }),
        })
        .entities("inventory", |rep| match rep["dimensions"]["size"].as_i64() {
            Some(size) => json!({ "__typename": "Product", "packaging": size * 2 }),
            None => json!({ "__typename": "Product", "shippingCost": rep["price"].as_i64().unwrap_or(0) / 10 }),
        })
}

#[tokio::test]
async fn required_field_with_other_arguments_than_the_clients_keeps_both_values_apart() {
    // shippingCost requires `price(currency: "USD")`; the client asks `price` (EUR).
    let h = harness("requires");
    let subgraphs = priced_subgraphs();
    let response = h
        .run("{ products { price shippingCost } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [{ "price": 100, "shippingCost": 11 }] } })
    );
    assert_eq!(
        subgraphs.requests_to("inventory")[0].representations(),
        vec![json!({ "__typename": "Product", "id": "1", "price": 110 })]
    );
}

#[tokio::test]
async fn chained_required_field_with_arguments_reaches_the_representation_not_the_client() {
    // insuranceCost requires shippingCost, which requires `price(currency: "USD")`.
    let h = harness("requires");
    let subgraphs = priced_subgraphs();
    let response = h
        .run(
            "{ products { price insuranceCost } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [{ "price": 100, "insuranceCost": 12 }] } })
    );
    assert_eq!(
        subgraphs.requests_to("inventory")[0].representations(),
        vec![json!({ "__typename": "Product", "id": "1", "price": 110 })]
    );
    assert_eq!(
        subgraphs.requests_to("shipping")[0].representations(),
        vec![json!({ "__typename": "Product", "id": "1", "shippingCost": 11 })]
    );
}

#[tokio::test]
async fn nested_required_field_with_other_arguments_than_the_clients_keeps_both_values_apart() {
    // packaging requires `dimensions { size(unit: "in") }`; the client asks `size` (cm).
    let h = harness("requires");
    let subgraphs = priced_subgraphs();
    let response = h
        .run(
            "{ products { dimensions { size } packaging } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [{ "dimensions": { "size": 30 }, "packaging": 24 }] } })
    );
    assert_eq!(
        subgraphs.requests_to("inventory")[0].representations(),
        vec![json!({ "__typename": "Product", "id": "1", "dimensions": { "size": 12 } })]
    );
}

#[tokio::test]
async fn one_field_required_with_different_arguments_by_two_subgraphs_reaches_each_as_asked() {
    // shippingCost (inventory) requires `price(currency: "USD")`, customsFee (shipping)
    // `price(currency: "GBP")`, and the client asks `price` (EUR): three values, three keys.
    let h = harness("requires");
    let subgraphs = priced_subgraphs();
    let response = h
        .run(
            "{ products { price shippingCost customsFee } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [{ "price": 100, "shippingCost": 11, "customsFee": 91 }] } })
    );
    assert_eq!(
        subgraphs.requests_to("inventory")[0].representations(),
        vec![json!({ "__typename": "Product", "id": "1", "price": 110 })]
    );
    assert_eq!(
        subgraphs.requests_to("shipping")[0].representations(),
        vec![json!({ "__typename": "Product", "id": "1", "price": 90 })]
    );
}

#[tokio::test]
async fn two_fields_of_one_subgraph_requiring_one_field_with_different_arguments_get_their_own() {
    // shippingCost and importDuty (both inventory) require `price` in USD and in GBP.
    let h = harness("requires");
    let subgraphs = Subgraphs::new()
        .root_with("products", |request| {
            Ok(body(
                json!({ "data": products_answering_the_query(request) }),
            ))
        })
        .entities_with("inventory", |request| {
            let field = if request.query.contains("importDuty") {
                "importDuty"
            } else {
                "shippingCost"
            };
            let entities: Vec<serde_json::Value> = request
                .representations()
                .iter()
                .map(|rep| json!({ "__typename": "Product", field: rep["price"] }))
                .collect();
            Ok(body(json!({ "data": { "_entities": entities } })))
        });
    let response = h
        .run(
            "{ products { shippingCost importDuty } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "products": [{ "shippingCost": 110, "importDuty": 90 }] } })
    );
    let mut sent: Vec<serde_json::Value> = subgraphs
        .requests_to("inventory")
        .iter()
        .flat_map(|r| r.representations())
        .collect();
    sent.sort_by_key(|rep| rep["price"].as_i64());
    assert_eq!(
        sent,
        vec![
            json!({ "__typename": "Product", "id": "1", "price": 90 }),
            json!({ "__typename": "Product", "id": "1", "price": 110 }),
        ]
    );
}
