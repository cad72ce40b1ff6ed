//! Subgraph errors forwarded with client paths; failed fetches give partial data and one error.

mod common;

use std::time::Duration;

use common::{Subgraphs, body, harness};
use executor::FetchError;
use serde_json::{Value, json};

fn shelf(ids: &[&str]) -> Value {
    json!({ "shelves": [ids
        .iter()
        .map(|id| json!({ "__typename": "Product", "id": id, "name": format!("N{id}") }))
        .collect::<Vec<_>>()] })
}

#[tokio::test]
async fn entity_errors_map_to_every_path_that_shared_the_representation() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2", "1"]))
        .entities_with("prices", |request| {
            assert_eq!(request.representations().len(), 2);
            Ok(body(json!({
                "data": { "_entities": [
                    { "__typename": "Product", "discount": null },
                    { "__typename": "Product", "discount": 7 },
                ] },
                "errors": [
                    { "message": "no discount for 1", "path": ["_entities", 0, "discount"],
                      "extensions": { "code": "NO_DISCOUNT" }, "locations": [{ "line": 1, "column": 90 }] },
                    { "message": "something else" },
                ],
            })))
        });
    let response = h
        .run("{ shelves { name discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[
                { "name": "N1", "discount": null },
                { "name": "N2", "discount": 7 },
                { "name": "N1", "discount": null },
            ]] },
            "errors": [
                { "message": "no discount for 1", "path": ["shelves", 0, 0, "discount"],
                  "extensions": { "code": "NO_DISCOUNT", "serviceName": "prices" } },
                { "message": "no discount for 1", "path": ["shelves", 0, 2, "discount"],
                  "extensions": { "code": "NO_DISCOUNT", "serviceName": "prices" } },
                { "message": "something else", "path": ["shelves"],
                  "extensions": { "code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "prices" } },
            ],
        })
    );
}

#[tokio::test]
async fn an_unreachable_subgraph_gives_partial_data_and_one_error() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2", "3"]))
        .entities_with("prices", |request| {
            Err(FetchError::Unreachable {
                service: request.service.clone(),
                reason: "connection refused".into(),
            })
        });
    let response = h
        .run("{ shelves { name discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[
                { "name": "N1", "discount": null },
                { "name": "N2", "discount": null },
                { "name": "N3", "discount": null },
            ]] },
            "errors": [{
                "message": "subgraph 'prices' is unreachable: connection refused",
                "path": ["shelves"],
                "extensions": { "code": "SUBGRAPH_REQUEST_FAILED", "serviceName": "prices" },
            }],
        })
    );
}

#[tokio::test]
async fn non_null_fields_of_a_failed_fetch_null_their_parents_without_more_errors() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2"]))
        .entities_with("prices", |request| {
            Err(FetchError::Timeout {
                service: request.service.clone(),
                timeout: Duration::from_secs(2),
            })
        });
    let response = h
        .run("{ shelves { name price } }", json!({}), &subgraphs)
        .await;
    assert_eq!(response["data"], json!({ "shelves": [[null, null]] }));
    let errors = response["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["extensions"]["code"], "SUBGRAPH_TIMEOUT");
}

#[tokio::test]
async fn a_failed_root_fetch_nulls_only_its_own_fields() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root_with("users", |_| {
            Err(FetchError::HttpStatus {
                service: "users".into(),
                status: 503,
            })
        })
        .root(
            "products",
            json!({ "product": { "__typename": "Product", "upc": "1", "name": "A" } }),
        );
    let response = h
        .run(
            r#"{ me { username } product(upc: "1") { name } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "me": null, "product": { "name": "A" } },
            "errors": [{
                "message": "subgraph 'users' answered HTTP 503",
                "extensions": { "code": "SUBGRAPH_REQUEST_FAILED", "serviceName": "users" },
            }],
        })
    );
}

#[tokio::test]
async fn fetches_that_depend_on_a_failed_fetch_are_skipped() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root(
            "products",
            json!({ "topProducts": [{ "__typename": "Product", "upc": "1" }] }),
        )
        .entities_with("reviews", |_| {
            Err(FetchError::Unreachable {
                service: "reviews".into(),
                reason: "down".into(),
            })
        })
        .entities("users", |_| panic!("users must not be asked"));
    let response = h
        .run(
            "{ topProducts { reviews { author { email } } } }",
            json!({}),
            &subgraphs,
        )
        .await;
    // `reviews: [Review!]!` and `topProducts: [Product!]!`: the null reaches the root.
    assert_eq!(response["data"], Value::Null);
    let errors = response["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["extensions"]["serviceName"], "reviews");
    assert!(subgraphs.requests_to("users").is_empty());
}

#[tokio::test]
async fn wrongly_shaped_entity_answers_are_invalid_responses() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2"]))
        .entities_with("prices", |_| {
            Ok(body(
                json!({ "data": { "_entities": [{ "__typename": "Product", "discount": 1 }] } }),
            ))
        });
    let response = h
        .run("{ shelves { name discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response["data"],
        json!({ "shelves": [[{ "name": "N1", "discount": null }, { "name": "N2", "discount": null }]] })
    );
    assert_eq!(response["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "SUBGRAPH_INVALID_RESPONSE"
    );
    assert_eq!(
        response["errors"][0]["message"],
        "subgraph 'prices' sent an invalid response: `_entities` has 1 items for 2 representations"
    );
}

#[tokio::test]
async fn root_errors_keep_their_path_and_code() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root_body(
        "products",
        json!({
            "data": { "product": null },
            "errors": [{ "message": "not allowed", "path": ["product"],
                         "extensions": { "code": "FORBIDDEN", "detail": 1 } }],
        }),
    );
    let response = h
        .run(r#"{ product(upc: "1") { name } }"#, json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "product": null },
            "errors": [{ "message": "not allowed", "path": ["product"],
                         "extensions": { "code": "FORBIDDEN", "detail": 1, "serviceName": "products" } }],
        })
    );
}

#[tokio::test]
async fn entity_nulls_with_errors_are_forwarded_not_failures() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1"]))
        .entities_with("prices", |_| {
            Ok(body(json!({
                "data": null,
                "errors": [{ "message": "boom", "path": ["_entities", 0] }],
            })))
        });
    let response = h
        .run("{ shelves { id price } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[null]] },
            "errors": [{ "message": "boom", "path": ["shelves", 0, 0],
                         "extensions": { "code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "prices" } }],
        })
    );
}

#[tokio::test]
async fn error_paths_through_conflict_aliases_name_the_client_key() {
    let h = harness("abstract");
    let subgraphs = Subgraphs::new().root_body(
        "search",
        json!({
            "data": { "search": [{ "__typename": "Movie", "length__alias_0": null }] },
            "errors": [{ "message": "no length", "path": ["search", 0, "length__alias_0"] }],
        }),
    );
    let response = h
        .run(
            r#"{ search(text: "a") { ... on Book { length } ... on Movie { length } } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "search": [{ "length": null }] },
            "errors": [{ "message": "no length", "path": ["search", 0, "length"],
                         "extensions": { "code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "search" } }],
        })
    );
}

#[tokio::test]
async fn a_root_answer_whose_data_is_not_an_object_is_an_invalid_response() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root("products", json!([1, 2])).root(
        "users",
        json!({ "me": { "__typename": "User", "id": "1", "username": "ann" } }),
    );
    let response = h
        .run(
            r#"{ product(upc: "1") { name } me { username } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "product": null, "me": { "username": "ann" } },
            "errors": [{
                "message": "subgraph 'products' sent an invalid response: `data` is not an object",
                "extensions": { "code": "SUBGRAPH_INVALID_RESPONSE", "serviceName": "products" },
            }],
        })
    );
}

#[test]
fn request_errors_have_no_data_entry() {
    let response = executor::Response::request_errors(vec![executor::GraphQLError::new(
        "Cannot query field \"nope\" on type \"Query\".",
        "GRAPHQL_VALIDATION_FAILED",
    )]);
    assert_eq!(
        serde_json::to_value(&response).expect("serializes"),
        json!({ "errors": [{ "message": "Cannot query field \"nope\" on type \"Query\".",
                             "extensions": { "code": "GRAPHQL_VALIDATION_FAILED" } }] })
    );
}

// async-graphql 7 reports errors inside `_entities` without the list index:
// `["_entities", "discount"]` instead of `["_entities", 1, "discount"]`.

fn discounts(
    answers: Vec<Value>,
    errors: Value,
) -> impl Fn(&common::Recorded) -> Result<executor::SubgraphResponse, FetchError> {
    move |request| {
        assert_eq!(request.representations().len(), answers.len());
        Ok(body(
            json!({ "data": { "_entities": answers }, "errors": errors }),
        ))
    }
}

fn error_at(message: &str, path: Value) -> Value {
    json!({ "message": message, "path": path,
            "extensions": { "code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "prices" } })
}

#[tokio::test]
async fn unindexed_entity_error_with_one_representation_goes_to_each_of_its_paths() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "1"]))
        .entities_with(
            "prices",
            discounts(
                vec![json!({ "__typename": "Product", "discount": null })],
                json!([{ "message": "no discount", "path": ["_entities", "discount"] }]),
            ),
        );
    let response = h
        .run("{ shelves { name discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[
                { "name": "N1", "discount": null },
                { "name": "N1", "discount": null },
            ]] },
            "errors": [
                error_at("no discount", json!(["shelves", 0, 0, "discount"])),
                error_at("no discount", json!(["shelves", 0, 1, "discount"])),
            ],
        })
    );
}

#[tokio::test]
async fn unindexed_entity_error_goes_to_the_one_representation_whose_field_is_null() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2", "3"]))
        .entities_with(
            "prices",
            discounts(
                vec![
                    json!({ "__typename": "Product", "discount": 5 }),
                    json!({ "__typename": "Product", "discount": null }),
                    json!({ "__typename": "Product", "discount": 7 }),
                ],
                json!([{ "message": "no discount for 2", "path": ["_entities", "discount"] }]),
            ),
        );
    let response = h
        .run("{ shelves { name discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[
                { "name": "N1", "discount": 5 },
                { "name": "N2", "discount": null },
                { "name": "N3", "discount": 7 },
            ]] },
            "errors": [error_at("no discount for 2", json!(["shelves", 0, 1, "discount"]))],
        })
    );
}

#[tokio::test]
async fn identical_unindexed_entity_errors_go_once_to_each_failed_representation() {
    let h = harness("lists");
    let unavailable = json!({ "message": "unavailable", "path": ["_entities", "discount"] });
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2", "3"]))
        .entities_with(
            "prices",
            discounts(
                vec![
                    json!({ "__typename": "Product", "discount": null }),
                    json!({ "__typename": "Product", "discount": 6 }),
                    json!(null),
                ],
                json!([unavailable, unavailable]),
            ),
        );
    let response = h
        .run("{ shelves { discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[{ "discount": null }, { "discount": 6 }, { "discount": null }]] },
            "errors": [
                error_at("unavailable", json!(["shelves", 0, 0, "discount"])),
                error_at("unavailable", json!(["shelves", 0, 2, "discount"])),
            ],
        })
    );
}

/// `{ shelves { discount } }` where prices leaves `discount` out of the first and third of
/// three entities, with `errors` copies of one index-less error.
async fn discounts_left_out(errors: usize) -> Value {
    let h = harness("lists");
    let bad = json!({ "message": "bad argument", "path": ["_entities", "discount"] });
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2", "3"]))
        .entities_with(
            "prices",
            discounts(
                vec![
                    json!({ "__typename": "Product" }),
                    json!({ "__typename": "Product", "discount": 6 }),
                    json!({ "__typename": "Product" }),
                ],
                Value::Array(vec![bad; errors]),
            ),
        );
    h.run("{ shelves { discount } }", json!({}), &subgraphs)
        .await
}

/// async-graphql 7 answers a failed entity field by leaving it out of the entity, with one
/// index-less error per failure (oracle finding F6): as many entities without the field as
/// such errors means those are the failed ones.
#[tokio::test]
async fn unindexed_entity_errors_go_to_the_entities_that_left_the_field_out() {
    let response = discounts_left_out(2).await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[{ "discount": null }, { "discount": 6 }, { "discount": null }]] },
            "errors": [
                error_at("bad argument", json!(["shelves", 0, 0, "discount"])),
                error_at("bad argument", json!(["shelves", 0, 2, "discount"])),
            ],
        })
    );
}

/// With fewer such errors than entities without the field, which is whose cannot be told.
#[tokio::test]
async fn unindexed_entity_errors_fewer_than_the_entities_without_the_field_go_to_the_flatten_path()
{
    let response = discounts_left_out(1).await;
    assert_eq!(
        response["errors"],
        json!([error_at("bad argument", json!(["shelves"]))]),
        "{response:#}"
    );
}

#[tokio::test]
async fn unindexed_entity_errors_that_cannot_be_placed_go_once_to_the_flatten_path() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root("catalog", shelf(&["1", "2", "3"]))
        .entities_with(
            "prices",
            discounts(
                vec![
                    json!({ "__typename": "Product", "discount": null }),
                    json!({ "__typename": "Product", "discount": null }),
                    json!({ "__typename": "Product", "discount": 7 }),
                ],
                // Two failures, two different messages: which is whose cannot be told.
                json!([
                    { "message": "no discount for 1", "path": ["_entities", "discount"] },
                    { "message": "no discount for 2", "path": ["_entities", "discount"] },
                    // No entity is null at `price`: nothing to attach it to.
                    { "message": "price lookup slow", "path": ["_entities", "price"] },
                ]),
            ),
        );
    let response = h
        .run("{ shelves { discount } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "shelves": [[{ "discount": null }, { "discount": null }, { "discount": 7 }]] },
            "errors": [
                error_at("no discount for 1", json!(["shelves"])),
                error_at("no discount for 2", json!(["shelves"])),
                error_at("price lookup slow", json!(["shelves"])),
            ],
        })
    );
}

/// A field selected twice under one key (one copy under `@include`) is resolved twice by the
/// subgraph, which reports its error twice; the client gets it once (found by the differential
/// oracle, docs/oracle.md).
#[tokio::test]
async fn an_error_a_subgraph_repeats_for_one_field_is_reported_once() {
    let h = harness("shop");
    let error = json!({ "message": "not allowed", "path": ["product"],
                        "extensions": { "code": "FORBIDDEN" } });
    let subgraphs = Subgraphs::new().root_body(
        "products",
        json!({ "data": { "product": null }, "errors": [error.clone(), error] }),
    );
    let response = h
        .run(
            r#"query($b: Boolean!) { product(upc: "1") { name } product(upc: "1") @include(if: $b) { name } }"#,
            json!({ "b": true }),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({
            "data": { "product": null },
            "errors": [{ "message": "not allowed", "path": ["product"],
                         "extensions": { "code": "FORBIDDEN", "serviceName": "products" } }],
        })
    );
}
