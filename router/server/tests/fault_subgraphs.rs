//! Misbehaving subgraphs: each failure becomes errors with `extensions.code` and
//! `serviceName` at the right paths, and the rest of the response is still returned.

mod fault_support;

use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use fault_support::{FaultStack, closed_port, spawn, stock_entities};
use serde_json::{Value, json};

const QUERY: &str = "{ products { id name available } topProduct { name } }";

async fn stack_with_stock(stock: Router) -> FaultStack {
    FaultStack::start(spawn(stock).await).await
}

/// The data every failure of `stock` leaves: catalog's fields, `available` null.
fn catalog_only() -> Value {
    json!({
        "products": [
            { "id": "1", "name": "Apple", "available": null },
            { "id": "2", "name": "Pear", "available": null }
        ],
        "topProduct": { "name": "Apple" }
    })
}

/// Checks the one error of a failed `stock` fetch and returns its message.
fn single_stock_error(body: &Value, code: &str) -> String {
    let errors = body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{body:#}");
    let error = &errors[0];
    assert_eq!(error["path"], json!(["products"]), "{body:#}");
    assert_eq!(
        error["extensions"],
        json!({ "code": code, "serviceName": "stock" }),
        "{body:#}"
    );
    error["message"].as_str().expect("message").to_owned()
}

#[tokio::test]
async fn a_subgraph_that_is_down_nulls_its_fields_only() {
    let stack = FaultStack::start(closed_port().await).await;
    let body = stack.query(QUERY).await;
    assert_eq!(body["data"], catalog_only());
    let message = single_stock_error(&body, "SUBGRAPH_REQUEST_FAILED");
    assert!(
        message.starts_with("subgraph 'stock' is unreachable"),
        "{message}"
    );
}

#[tokio::test]
async fn a_subgraph_slower_than_its_timeout_is_a_timeout_error() {
    let stack = stack_with_stock(Router::new().route(
        "/graphql",
        post(|Json(body): Json<Value>| async move {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Json(stock_entities(&body))
        }),
    ))
    .await;
    let started = Instant::now();
    let body = stack.query(QUERY).await;
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the router waited for the slow subgraph instead of timing out"
    );
    assert_eq!(body["data"], catalog_only());
    let message = single_stock_error(&body, "SUBGRAPH_TIMEOUT");
    assert_eq!(message, "subgraph 'stock' did not answer within 300ms");
}

#[tokio::test]
async fn http_500_from_a_subgraph_is_a_request_failure() {
    let stack = stack_with_stock(Router::new().route(
        "/graphql",
        post(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "boom") }),
    ))
    .await;
    let body = stack.query(QUERY).await;
    assert_eq!(body["data"], catalog_only());
    let message = single_stock_error(&body, "SUBGRAPH_REQUEST_FAILED");
    assert_eq!(message, "subgraph 'stock' answered HTTP 500");
}

#[tokio::test]
async fn a_redirect_from_a_subgraph_is_not_followed() {
    // The redirect target would answer correctly: following it would hide the misconfiguration
    // and send the request, with its forwarded headers, to another address.
    let stock = Router::new()
        .route(
            "/graphql",
            post(|| async {
                (
                    StatusCode::TEMPORARY_REDIRECT,
                    [(axum::http::header::LOCATION, "/elsewhere")],
                )
            }),
        )
        .route(
            "/elsewhere",
            post(|Json(body): Json<Value>| async move { Json(stock_entities(&body)) }),
        );
    let stack = stack_with_stock(stock).await;
    let body = stack.query(QUERY).await;
    assert_eq!(body["data"], catalog_only());
    let message = single_stock_error(&body, "SUBGRAPH_REQUEST_FAILED");
    assert_eq!(message, "subgraph 'stock' answered HTTP 307");
}

#[tokio::test]
async fn invalid_json_from_a_subgraph_is_an_invalid_response() {
    let stack =
        stack_with_stock(Router::new().route("/graphql", post(|| async { "not json" }))).await;
    let body = stack.query(QUERY).await;
    assert_eq!(body["data"], catalog_only());
    let message = single_stock_error(&body, "SUBGRAPH_INVALID_RESPONSE");
    assert_eq!(
        message,
        r#"subgraph 'stock' sent an invalid response: the body is not JSON: "not json""#
    );
}

#[tokio::test]
async fn a_wrongly_shaped_subgraph_answer_is_an_invalid_response() {
    let stack = stack_with_stock(Router::new().route(
        "/graphql",
        post(|| async { Json(json!({ "data": [1, 2] })) }),
    ))
    .await;
    let body = stack.query(QUERY).await;
    assert_eq!(body["data"], catalog_only());
    single_stock_error(&body, "SUBGRAPH_INVALID_RESPONSE");
}

#[tokio::test]
async fn subgraph_graphql_errors_map_to_the_client_path() {
    let stack = stack_with_stock(Router::new().route(
        "/graphql",
        post(|Json(body): Json<Value>| async move {
            let mut answer = stock_entities(&body);
            answer["data"]["_entities"][1] = Value::Null;
            answer["errors"] = json!([{
                "message": "stock service lost product 2",
                "path": ["_entities", 1],
                "extensions": { "code": "STOCK_LOST" }
            }]);
            Json(answer)
        }),
    ))
    .await;
    let body = stack.query(QUERY).await;
    assert_eq!(
        body,
        json!({
            "data": {
                "products": [
                    { "id": "1", "name": "Apple", "available": true },
                    { "id": "2", "name": "Pear", "available": null }
                ],
                "topProduct": { "name": "Apple" }
            },
            "errors": [{
                "message": "stock service lost product 2",
                "path": ["products", 1],
                "extensions": { "code": "STOCK_LOST", "serviceName": "stock" }
            }]
        })
    );
}

#[tokio::test]
async fn a_null_for_a_non_null_field_nulls_the_nearest_nullable_parent() {
    let stack = stack_with_stock(Router::new().route(
        "/graphql",
        post(|Json(body): Json<Value>| async move {
            let mut answer = stock_entities(&body);
            answer["data"]["_entities"][0]["stock"] = Value::Null;
            Json(answer)
        }),
    ))
    .await;
    let body = stack
        .query("{ products { id name stock } topProduct { name } }")
        .await;
    // `stock: Int!` → the `Product!` item → the nullable `[Product!]` list becomes null.
    assert_eq!(
        body["data"],
        json!({ "products": null, "topProduct": { "name": "Apple" } })
    );
    let errors = body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{body:#}");
    assert_eq!(errors[0]["path"], json!(["products", 0, "stock"]));
    assert_eq!(
        errors[0]["extensions"]["code"],
        "RESPONSE_VALIDATION_FAILED"
    );
}

#[tokio::test]
async fn a_root_fetch_failure_nulls_the_root_fields_of_that_subgraph() {
    // Here it is the catalog that is down: stock is never asked.
    let stock = spawn(fault_support::recording_stock(Default::default())).await;
    let stack = FaultStack::start_with_catalog(closed_port().await, stock).await;
    let body = stack.query(QUERY).await;
    assert_eq!(
        body["data"],
        json!({ "products": null, "topProduct": null })
    );
    let errors = body["errors"].as_array().expect("errors");
    assert!(!errors.is_empty(), "{body:#}");
    for error in errors {
        assert_eq!(
            error["extensions"]["code"], "SUBGRAPH_REQUEST_FAILED",
            "{body:#}"
        );
        assert_eq!(error["extensions"]["serviceName"], "catalog", "{body:#}");
    }
}
