//! Answers of several fetches for one field merged at the same path: a keyless root value
//! fetched from two subgraphs in parallel, and a keyless value read partly where it was
//! reached and partly through its parent entity in another subgraph (the planner's fixture
//! `candidates`).

mod common;

use common::{Subgraphs, harness, key};
use serde_json::json;

#[tokio::test]
async fn keyless_root_value_fetched_from_two_subgraphs_is_one_object() {
    let h = harness("candidates");
    let subgraphs = Subgraphs::new()
        .root(
            "a",
            json!({ "settings": { "label": "L", "theme": "dark" } }),
        )
        .root("b", json!({ "settings": { "detail": "D" } }));
    let response = h
        .run("{ settings { label detail theme } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({ "data": { "settings": { "label": "L", "detail": "D", "theme": "dark" } } })
    );
    assert_eq!(subgraphs.requests_to("a").len(), 1);
    assert_eq!(subgraphs.requests_to("b").len(), 1);
}

#[tokio::test]
async fn keyless_value_read_through_the_parent_entity_merges_with_the_local_part() {
    let h = harness("candidates");
    let subgraphs = Subgraphs::new()
        .root(
            "a",
            json!({ "newest": { "__typename": "Product", "id": "7", "shipping": { "insurer": "I" } } }),
        )
        .entities(
            "b",
            |rep| json!({ "__typename": "Product", "shipping": { "carrier": format!("C{}", key(rep, "id")) } }),
        );
    let response = h
        .run(
            "{ newest { shipping { insurer carrier } } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "newest": { "shipping": { "insurer": "I", "carrier": "C7" } } } })
    );
}
