//! `__schema`, `__type` and root `__typename` are answered from the API schema and placed where
//! the client asked for them, next to subgraph data.

mod common;

use common::{Subgraphs, harness};
use executor::ExecutionRequest;
use serde_json::{Value, json};

#[tokio::test]
async fn schema_introspection_and_subgraph_fields_in_one_query() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "products",
        json!({ "topProducts": [{ "__typename": "Product", "upc": "1", "name": "A" }] }),
    );
    let response = h
        .run(
            "{ __schema { queryType { name } } topProducts { name } t: __type(name: \"Product\") { name kind } __typename }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": {
            "__schema": { "queryType": { "name": "Query" } },
            "topProducts": [{ "name": "A" }],
            "t": { "name": "Product", "kind": "OBJECT" },
            "__typename": "Query",
        } })
    );
    let keys: Vec<&String> = response["data"]
        .as_object()
        .expect("object")
        .keys()
        .collect();
    assert_eq!(keys, ["__schema", "topProducts", "t", "__typename"]);
}

#[tokio::test]
async fn introspection_only_operations_send_no_subgraph_request() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new();
    let response = h
        .run(
            "{ __typename missing: __type(name: \"Nope\") { name } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "__typename": "Query", "missing": null } })
    );
    assert!(subgraphs.requests().is_empty());
}

#[tokio::test]
async fn api_schema_introspection_hides_join_machinery() {
    let h = harness("shop");
    let response = h
        .run(
            "{ __type(name: \"join__Graph\") { name } q: __type(name: \"Query\") { fields { name } } }",
            json!({}),
            &Subgraphs::new(),
        )
        .await;
    assert_eq!(response["data"]["__type"], Value::Null);
    let fields = response["data"]["q"]["fields"].as_array().expect("fields");
    assert!(fields.iter().any(|f| f["name"] == "topProducts"));
}

#[tokio::test]
async fn without_an_introspection_answer_the_fields_are_errors() {
    let h = harness("shop");
    let (prepared, plan) = h.prepare("{ __schema { queryType { name } } }", json!({}));
    let response = h
        .executor
        .execute(
            ExecutionRequest {
                plan: &plan,
                operation: prepared.normalized(),
                variables: prepared.variables(),
                introspection: None,
            },
            &Subgraphs::new(),
        )
        .await;
    let response = serde_json::to_value(&response).expect("serializes");
    assert_eq!(response["data"], Value::Null);
    assert_eq!(
        response["errors"],
        json!([{ "message": "introspection was not answered for this request", "path": ["__schema"],
                 "extensions": { "code": "INTROSPECTION_UNAVAILABLE" } }])
    );
}

#[tokio::test]
async fn mutation_root_typename_is_the_mutation_type() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "reviews",
        json!({ "addReview": { "__typename": "Review", "id": "r1", "body": "ok" } }),
    );
    let response = h
        .run(
            r#"mutation { __typename addReview(upc: "1", body: "ok") { id } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "__typename": "Mutation", "addReview": { "id": "r1" } } })
    );
}
