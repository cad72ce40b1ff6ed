//! The response has exactly the client's shape: order, aliases, `__typename`, fragments decided
//! by the runtime type, nothing fetched only for the router's own use.

mod common;

use common::{Subgraphs, harness, key};
use serde_json::{Value, json};

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn keys_follow_the_operation_order_and_aliases_whatever_the_subgraph_order() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root_with("products", |request| {
        // Answer in the reverse of the client's order, with the aliases the fetch used.
        assert!(
            request.query.contains("first: product"),
            "{}",
            request.query
        );
        Ok(common::body(json!({ "data": {
            "second": { "sku": "S2", "label": "Two", "upc": "2", "__typename": "Product" },
            "first": { "sku": "S1", "label": "One", "upc": "1", "__typename": "Product" },
        } })))
    });
    let response = h
        .run(
            r#"{ first: product(upc: "1") { label: name sku } second: product(upc: "2") { sku label: name } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": {
            "first": { "label": "One", "sku": "S1" },
            "second": { "sku": "S2", "label": "Two" },
        } })
    );
    assert_eq!(keys(&response["data"]), ["first", "second"]);
    assert_eq!(keys(&response["data"]["first"]), ["label", "sku"]);
    assert_eq!(keys(&response["data"]["second"]), ["sku", "label"]);
}

#[tokio::test]
async fn fields_fetched_only_for_keys_and_requires_never_leak() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root(
            "products",
            json!({ "topProducts": [
                { "__typename": "Product", "upc": "1", "sku": "S1", "price": 10, "weight": 1, "name": "One" },
            ] }),
        )
        .entities("inventory", |_| {
            json!({ "__typename": "Product", "shippingEstimate": 2, "inStock": true })
        });
    let response = h
        .run(
            "{ topProducts { name shippingEstimate } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [{ "name": "One", "shippingEstimate": 2 }] } })
    );
}

#[tokio::test]
async fn typename_is_answered_for_object_types_and_the_root() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "products",
        json!({ "topProducts": [{ "__typename": "Product", "name": "One", "upc": "1" }] }),
    );
    let response = h
        .run(
            "{ kind: __typename topProducts { t: __typename name __typename } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": {
            "kind": "Query",
            "topProducts": [{ "t": "Product", "name": "One", "__typename": "Product" }],
        } })
    );
}

fn search_subgraphs() -> Subgraphs {
    Subgraphs::new()
        .root(
            "search",
            json!({
                "search": [
                    { "__typename": "Book", "id": "b1", "title": "Dune", "length": 412 },
                    { "__typename": "Movie", "id": "m1", "title": "Alien", "length": 117 },
                ],
                "results": [
                    { "__typename": "Movie", "id": "m1", "title": "Alien" },
                    { "__typename": "Book", "id": "b1", "title": "Dune" },
                ],
            }),
        )
        .entities("books", |rep| {
            // `by` is the alias one test uses: the fetch asks for it under that key.
            let author = format!("author of {}", key(rep, "id"));
            json!({ "__typename": "Book", "author": author, "by": author })
        })
        .entities("movies", |rep| json!({ "__typename": "Movie", "director": format!("director of {}", key(rep, "id")) }))
}

#[tokio::test]
async fn fragments_on_an_interface_apply_by_the_runtime_typename() {
    let h = harness("abstract");
    let subgraphs = search_subgraphs();
    let response = h
        .run(
            r#"{ search(text: "a") { __typename ... on Movie { director title } title ... on Book { by: author } } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "search": [
            { "__typename": "Book", "title": "Dune", "by": "author of b1" },
            { "__typename": "Movie", "director": "director of m1", "title": "Alien" },
        ] } })
    );
    assert_eq!(
        keys(&response["data"]["search"][1]),
        ["__typename", "director", "title"]
    );
}

#[tokio::test]
async fn fragments_on_a_union_and_named_fragments_merge_by_response_key() {
    let h = harness("abstract");
    let subgraphs = search_subgraphs();
    let response = h
        .run(
            r#"
            { results(text: "a") { ...Info ... on Book { title author } ... on Media { id } } }
            fragment Info on Result { ... on Movie { title director } ... on Book { id } }
            "#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "results": [
            { "title": "Alien", "director": "director of m1", "id": "m1" },
            { "id": "b1", "title": "Dune", "author": "author of b1" },
        ] } })
    );
}

#[tokio::test]
async fn a_typename_that_is_not_a_possible_type_is_a_field_error() {
    let h = harness("abstract");
    let subgraphs = Subgraphs::new().root(
        "movies",
        json!({ "latestMedia": { "__typename": "Product", "id": "x", "title": "?" } }),
    );
    let response = h
        .run("{ latestMedia { title } }", json!({}), &subgraphs)
        .await;
    assert_eq!(response["data"], json!({ "latestMedia": null }));
    assert_eq!(response["errors"][0]["path"], json!(["latestMedia"]));
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "RESPONSE_VALIDATION_FAILED"
    );
}

#[tokio::test]
async fn aliases_the_planner_added_for_conflicting_fields_are_renamed_back() {
    let h = harness("abstract");
    let subgraphs = Subgraphs::new().root_with("search", |request| {
        assert!(
            request.query.contains("length__alias_0: length"),
            "{}",
            request.query
        );
        Ok(common::body(json!({ "data": { "search": [
            { "__typename": "Book", "length": null },
            { "__typename": "Movie", "length__alias_0": 117 },
        ] } })))
    });
    let response = h
        .run(
            r#"{ search(text: "a") { ... on Book { length } ... on Movie { length } } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "search": [{ "length": null }, { "length": 117 }] } })
    );
}
