//! Coercion of request variables against the operation's variable definitions.

mod support;

use serde_json::json;
use support::{compile, error, error_json};

#[test]
fn defaults_fill_missing_variables() {
    let prepared = compile(
        "query($first: Int = 3, $category: ProductCategory = BOOKS) { products(first: $first, category: $category) { id } }",
        json!({}),
    );
    assert_eq!(
        serde_json::Value::Object(prepared.variables().clone()),
        json!({ "first": 3, "category": "BOOKS" })
    );
}

#[test]
fn provided_values_win_over_defaults() {
    let prepared = compile(
        "query($first: Int = 3) { products(first: $first) { id } }",
        json!({ "first": 7 }),
    );
    assert_eq!(prepared.variables().get("first"), Some(&json!(7)));
}

#[test]
fn explicit_null_is_kept_for_nullable_variables() {
    let prepared = compile(
        "query($after: ID = \"5\") { users(after: $after) { id } }",
        json!({ "after": null }),
    );
    assert_eq!(prepared.variables().get("after"), Some(&json!(null)));
}

#[test]
fn undeclared_variables_are_dropped() {
    let prepared = compile(
        "query($id: ID!) { user(id: $id) { id } }",
        json!({ "id": "1", "extra": true }),
    );
    assert_eq!(
        serde_json::Value::Object(prepared.variables().clone()),
        json!({ "id": "1" })
    );
}

#[test]
fn int_is_accepted_as_id_and_single_value_becomes_a_list() {
    let prepared = compile(
        "query($id: ID!, $ids: [ID!]!) { user(id: $id) { id } nodes(ids: $ids) { id } }",
        json!({ "id": 42, "ids": "7" }),
    );
    assert_eq!(
        serde_json::Value::Object(prepared.variables().clone()),
        // ID accepts integers and passes them through as sent; subgraphs accept both forms.
        json!({ "id": 42, "ids": ["7"] })
    );
}

#[test]
fn input_object_gets_field_defaults() {
    let prepared = compile(
        "mutation($input: ReviewInput!) { addReview(input: $input) { id } }",
        json!({ "input": { "productId": "3", "rating": 5 } }),
    );
    assert_eq!(
        prepared.variables().get("input"),
        Some(&json!({ "productId": "3", "rating": 5, "body": "" }))
    );
}

#[test]
fn missing_required_variable_is_bad_user_input() {
    let e = error("query($id: ID!) { user(id: $id) { id } }", json!({}));
    assert_eq!(e.code(), "BAD_USER_INPUT");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn null_for_non_null_variable_is_bad_user_input() {
    let e = error(
        "query($id: ID!) { user(id: $id) { id } }",
        json!({ "id": null }),
    );
    assert_eq!(e.code(), "BAD_USER_INPUT");
}

#[test]
fn wrong_scalar_type_is_bad_user_input() {
    let e = error(
        "query($first: Int) { products(first: $first) { id } }",
        json!({ "first": "ten" }),
    );
    assert_eq!(e.code(), "BAD_USER_INPUT");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn unknown_enum_value_is_bad_user_input() {
    let e = error(
        "query($c: ProductCategory) { products(category: $c) { id } }",
        json!({ "c": "FOOD" }),
    );
    assert_eq!(e.code(), "BAD_USER_INPUT");
}

#[test]
fn int_out_of_range_is_bad_user_input() {
    let e = error(
        "query($first: Int) { products(first: $first) { id } }",
        json!({ "first": 4_294_967_296_u64 }),
    );
    assert_eq!(e.code(), "BAD_USER_INPUT");
}

#[test]
fn missing_input_object_field_is_bad_user_input() {
    let e = error(
        "mutation($input: ReviewInput!) { addReview(input: $input) { id } }",
        json!({ "input": { "productId": "3" } }),
    );
    assert_eq!(e.code(), "BAD_USER_INPUT");
}

#[test]
fn unknown_input_object_field_is_bad_user_input() {
    let e = error(
        "mutation($input: ReviewInput!) { addReview(input: $input) { id } }",
        json!({ "input": { "productId": "3", "rating": 1, "stars": 4 } }),
    );
    assert_eq!(e.code(), "BAD_USER_INPUT");
}
