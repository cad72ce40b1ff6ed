//! `Flatten`: every entity at the path, one `_entities` request per fetch, distinct
//! representations sent once, answers fanned back out and merged.

mod common;

use common::{Subgraphs, harness, key};
use serde_json::{Value, json};

fn products(upcs: &[&str]) -> Value {
    Value::Array(
        upcs.iter()
            .map(|upc| json!({ "__typename": "Product", "upc": upc, "name": format!("P{upc}") }))
            .collect(),
    )
}

#[tokio::test]
async fn five_items_with_three_distinct_keys_send_one_request_with_three_representations() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root(
            "products",
            json!({ "topProducts": products(&["1", "2", "1", "3", "2"]) }),
        )
        .entities(
            "inventory",
            |rep| json!({ "__typename": "Product", "inStock": key(rep, "upc") != "2" }),
        );
    let response = h
        .run("{ topProducts { name inStock } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [
            { "name": "P1", "inStock": true },
            { "name": "P2", "inStock": false },
            { "name": "P1", "inStock": true },
            { "name": "P3", "inStock": true },
            { "name": "P2", "inStock": false },
        ] } })
    );
    let inventory = subgraphs.requests_to("inventory");
    assert_eq!(inventory.len(), 1);
    assert_eq!(
        inventory[0].representations(),
        vec![
            json!({ "__typename": "Product", "upc": "1" }),
            json!({ "__typename": "Product", "upc": "2" }),
            json!({ "__typename": "Product", "upc": "3" }),
        ]
    );
}

#[tokio::test]
async fn no_entity_request_is_sent_when_the_path_holds_nothing() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root("products", json!({ "product": null }))
        .entities("inventory", |_| panic!("no representations to send"));
    let response = h
        .run(
            r#"{ product(upc: "x") { name inStock } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(response, json!({ "data": { "product": null } }));
    assert!(subgraphs.requests_to("inventory").is_empty());
}

#[tokio::test]
async fn lists_of_lists_with_nulls_are_walked_at_every_depth() {
    let h = harness("lists");
    let p = |id: &str, related: Value| json!({ "__typename": "Product", "id": id, "name": format!("N{id}"), "related": related });
    let subgraphs = Subgraphs::new()
        .root(
            "catalog",
            json!({ "shelves": [
                [p("1", json!([p("2", Value::Null), null])), null],
                null,
                [],
                [p("3", json!(null)), p("1", json!([]))],
            ] }),
        )
        .entities("prices", |rep| {
            let id: i64 = key(rep, "id").parse().unwrap_or_default();
            json!({ "__typename": "Product", "price": id * 10 })
        });
    let response = h
        .run(
            "{ shelves { id name price related { id price } } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "shelves": [
            [
                { "id": "1", "name": "N1", "price": 10, "related": [{ "id": "2", "price": 20 }, null] },
                null,
            ],
            null,
            [],
            [
                { "id": "3", "name": "N3", "price": 30, "related": null },
                { "id": "1", "name": "N1", "price": 10, "related": [] },
            ],
        ] } })
    );
    let prices = subgraphs.requests_to("prices");
    assert_eq!(prices.len(), 2, "one request per Flatten: {prices:#?}");
    let mut reps: Vec<Vec<Value>> = prices.iter().map(|r| r.representations()).collect();
    reps.sort_by_key(|r| r.len());
    assert_eq!(reps[0], vec![json!({ "__typename": "Product", "id": "2" })]);
    assert_eq!(
        reps[1],
        vec![
            json!({ "__typename": "Product", "id": "1" }),
            json!({ "__typename": "Product", "id": "3" }),
        ]
    );
}

#[tokio::test]
async fn chained_entity_fetches_through_two_list_levels_merge_into_the_right_objects() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root("products", json!({ "topProducts": products(&["1", "2"]) }))
        .entities("reviews", |rep| {
            let upc = key(rep, "upc");
            json!({ "__typename": "Product", "reviews": [
                { "__typename": "Review", "id": format!("r{upc}a"), "body": format!("{upc} is fine"),
                  "author": { "__typename": "User", "id": "u1", "username": "ann" } },
                { "__typename": "Review", "id": format!("r{upc}b"), "body": format!("{upc} is bad"),
                  "author": { "__typename": "User", "id": format!("u{upc}"), "username": "bob" } },
            ] })
        })
        .entities("users", |rep| {
            json!({ "__typename": "User", "email": format!("{}@example.com", key(rep, "id")) })
        });
    let response = h
        .run(
            "{ topProducts { name reviews { body author { username email } } } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [
            { "name": "P1", "reviews": [
                { "body": "1 is fine", "author": { "username": "ann", "email": "u1@example.com" } },
                { "body": "1 is bad", "author": { "username": "bob", "email": "u1@example.com" } },
            ] },
            { "name": "P2", "reviews": [
                { "body": "2 is fine", "author": { "username": "ann", "email": "u1@example.com" } },
                { "body": "2 is bad", "author": { "username": "bob", "email": "u2@example.com" } },
            ] },
        ] } })
    );
    let users = subgraphs.requests_to("users");
    assert_eq!(users.len(), 1);
    assert_eq!(
        users[0].representations(),
        vec![
            json!({ "__typename": "User", "id": "u1" }),
            json!({ "__typename": "User", "id": "u2" }),
        ]
    );
}

#[tokio::test]
async fn required_fields_go_into_representations_and_do_not_leak() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root(
            "products",
            json!({ "topProducts": [
                { "__typename": "Product", "upc": "1", "price": 100, "weight": 3 },
                { "__typename": "Product", "upc": "2", "price": 50, "weight": 1 },
            ] }),
        )
        .entities("inventory", |rep| {
            let estimate =
                rep["price"].as_i64().unwrap_or(0) / 10 + rep["weight"].as_i64().unwrap_or(0);
            json!({ "__typename": "Product", "shippingEstimate": estimate })
        });
    let response = h
        .run(
            "{ topProducts { shippingEstimate } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [{ "shippingEstimate": 13 }, { "shippingEstimate": 6 }] } })
    );
    assert_eq!(
        subgraphs.requests_to("inventory")[0].representations(),
        vec![
            json!({ "__typename": "Product", "upc": "1", "price": 100, "weight": 3 }),
            json!({ "__typename": "Product", "upc": "2", "price": 50, "weight": 1 }),
        ]
    );
}

#[tokio::test]
async fn interface_objects_get_the_interface_typename_and_keep_the_concrete_one() {
    let h = harness("interface_object");
    let subgraphs = Subgraphs::new()
        .root(
            "media",
            json!({ "library": [
                { "__typename": "Book", "id": "1", "title": "Dune", "author": "Herbert" },
                { "__typename": "Movie", "id": "2", "title": "Alien" },
            ] }),
        )
        .entities("ratings", |rep| {
            json!({ "__typename": "Media", "rating": if key(rep, "id") == "1" { 4.5 } else { 3.0 } })
        })
        .root(
            "ratings",
            json!({ "topRated": [{ "__typename": "Media", "id": "2", "rating": 3.0 }] }),
        )
        .entities("media", |rep| {
            assert_eq!(key(rep, "__typename"), "Media");
            json!({ "__typename": "Movie", "title": "Alien" })
        });
    let response = h
        .run(
            "{ library { __typename title rating ... on Book { author } } topRated { __typename title rating } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": {
            "library": [
                { "__typename": "Book", "title": "Dune", "rating": 4.5, "author": "Herbert" },
                { "__typename": "Movie", "title": "Alien", "rating": 3.0 },
            ],
            "topRated": [{ "__typename": "Movie", "title": "Alien", "rating": 3.0 }],
        } })
    );
    assert_eq!(
        subgraphs
            .requests_to("ratings")
            .iter()
            .find(|r| r.is_entities())
            .map(|r| r.representations()),
        Some(vec![
            json!({ "__typename": "Media", "id": "1" }),
            json!({ "__typename": "Media", "id": "2" }),
        ])
    );
}

#[tokio::test]
async fn only_objects_matching_a_type_condition_become_representations() {
    let h = harness("abstract");
    let subgraphs = Subgraphs::new()
        .root(
            "search",
            json!({ "search": [
                { "__typename": "Movie", "id": "m1", "title": "Alien" },
                { "__typename": "Book", "id": "b1", "title": "Dune" },
                { "__typename": "Movie", "id": "m2", "title": "Heat" },
            ] }),
        )
        .entities(
            "books",
            |_| json!({ "__typename": "Book", "author": "Herbert" }),
        )
        .entities(
            "movies",
            |rep| json!({ "__typename": "Movie", "director": format!("d-{}", key(rep, "id")) }),
        );
    let response = h
        .run(
            r#"{ search(text: "a") { title ... on Book { author } ... on Movie { director } } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "search": [
            { "title": "Alien", "director": "d-m1" },
            { "title": "Dune", "author": "Herbert" },
            { "title": "Heat", "director": "d-m2" },
        ] } })
    );
    assert_eq!(
        subgraphs.requests_to("books")[0].representations(),
        vec![json!({ "__typename": "Book", "id": "b1" })]
    );
    assert_eq!(
        subgraphs.requests_to("movies")[0].representations(),
        vec![
            json!({ "__typename": "Movie", "id": "m1" }),
            json!({ "__typename": "Movie", "id": "m2" }),
        ]
    );
}
