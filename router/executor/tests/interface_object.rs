//! `@interfaceObject` both ways (the planner's fixture `interface_object_both_ways`): an answer
//! whose `__typename` is the interface's name is kept where the client needs no concrete type,
//! the concrete type is read through the interface's key where it does, and representations
//! sent to an `@interfaceObject` subgraph name the interface, also in a `@requires` step after
//! the concrete type was read.

mod common;

use common::{Subgraphs, harness, key};
use serde_json::json;

fn top_rated() -> serde_json::Value {
    json!({ "topRated": [
        { "__typename": "Media", "id": "1", "rating": 4.5 },
        { "__typename": "Media", "id": "2", "rating": 3.0 },
    ] })
}

fn media_entity(rep: &serde_json::Value) -> serde_json::Value {
    match key(rep, "id") {
        "1" => json!({ "__typename": "Book", "title": "Dune", "author": "Herbert" }),
        _ => json!({ "__typename": "Movie", "title": "Alien", "director": "Scott" }),
    }
}

#[tokio::test]
async fn an_interface_object_answer_is_kept_when_the_client_needs_no_concrete_type() {
    let h = harness("interface_object_both_ways");
    let subgraphs = Subgraphs::new().root("ratings", top_rated());
    let response = h
        .run("{ topRated { id rating } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({ "data": { "topRated": [
            { "id": "1", "rating": 4.5 },
            { "id": "2", "rating": 3.0 },
        ] } })
    );
    assert_eq!(subgraphs.requests().len(), 1);
}

#[tokio::test]
async fn the_concrete_type_is_read_through_the_interface_key_when_the_client_needs_it() {
    let h = harness("interface_object_both_ways");
    let subgraphs = Subgraphs::new()
        .root("ratings", top_rated())
        .entities("media", media_entity);
    let response = h
        .run(
            "{ topRated { __typename rating ... on Book { author } ... on Movie { director } } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "topRated": [
            { "__typename": "Book", "rating": 4.5, "author": "Herbert" },
            { "__typename": "Movie", "rating": 3.0, "director": "Scott" },
        ] } })
    );
    assert_eq!(
        subgraphs.requests_to("media")[0].representations(),
        vec![
            json!({ "__typename": "Media", "id": "1" }),
            json!({ "__typename": "Media", "id": "2" }),
        ]
    );
}

#[tokio::test]
async fn a_requires_step_to_an_interface_object_sends_the_interface_name() {
    let h = harness("interface_object_both_ways");
    let subgraphs = Subgraphs::new()
        .root("ratings", top_rated())
        .entities("media", media_entity)
        .entities("ratings", |rep| {
            let score = if key(rep, "__typename") == "Media" {
                key(rep, "title").len() as f64
            } else {
                -1.0
            };
            json!({ "__typename": "Media", "score": score })
        });
    let response = h.run("{ topRated { score } }", json!({}), &subgraphs).await;
    assert_eq!(
        response,
        json!({ "data": { "topRated": [{ "score": 4.0 }, { "score": 5.0 }] } })
    );
    let to_ratings: Vec<_> = subgraphs
        .requests_to("ratings")
        .into_iter()
        .filter(|r| r.is_entities())
        .collect();
    assert_eq!(
        to_ratings[0].representations(),
        vec![
            json!({ "__typename": "Media", "id": "1", "title": "Dune" }),
            json!({ "__typename": "Media", "id": "2", "title": "Alien" }),
        ]
    );
}

#[tokio::test]
async fn an_interface_object_answer_merged_with_the_concrete_one_keeps_the_concrete_type() {
    let h = harness("interface_object_both_ways");
    let subgraphs = Subgraphs::new()
        .root(
            "reviews",
            json!({ "mostReviewed": { "__typename": "Media", "id": "2" } }),
        )
        .entities(
            "ratings",
            |_| json!({ "__typename": "Media", "rating": 3.0 }),
        )
        .entities("media", media_entity);
    let response = h
        .run(
            "{ mostReviewed { __typename rating title } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "mostReviewed": { "__typename": "Movie", "rating": 3.0, "title": "Alien" } } })
    );
}
