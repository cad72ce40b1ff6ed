//! Parsing, validation against the API schema, and choosing the operation.

mod support;

use operation::apollo_compiler::ast::OperationType;
use support::{compiler, error, error_json};

#[test]
fn syntax_error_is_parse_failed_with_location() {
    let e = error("{ me { id }", serde_json::json!({}));
    assert_eq!(e.code(), "GRAPHQL_PARSE_FAILED");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn unknown_field_is_validation_failed_with_location() {
    let e = error("{\n  me { id password }\n}", serde_json::json!({}));
    assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn every_validation_error_is_reported() {
    let e = error(
        "query($id: ID!) { user(id: 1) { nope } product(sku: true) { name } }",
        serde_json::json!({}),
    );
    assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED");
    let messages: Vec<String> = e.graphql_errors().into_iter().map(|e| e.message).collect();
    insta::assert_yaml_snapshot!(messages);
}

#[test]
fn federation_fields_are_not_in_the_api_schema() {
    let e = error(
        "{ _entities(representations: []) { __typename } }",
        serde_json::json!({}),
    );
    assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED");
}

#[test]
fn type_system_definitions_are_rejected() {
    let e = error("type Foo { a: Int } { me { id } }", serde_json::json!({}));
    assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED");
}

#[test]
fn single_operation_is_selected_without_a_name() {
    let parsed = compiler()
        .parse("mutation Buy { checkout { id } }", None)
        .expect("valid");
    assert_eq!(parsed.kind(), OperationType::Mutation);
    assert_eq!(parsed.name().map(|n| n.as_str()), Some("Buy"));
}

#[test]
fn named_operation_is_selected_among_several() {
    let query = "query A { me { id } } query B { cart { id } } mutation C { checkout { id } }";
    let parsed = compiler().parse(query, Some("C")).expect("valid");
    assert_eq!(parsed.kind(), OperationType::Mutation);
    assert_eq!(parsed.name().map(|n| n.as_str()), Some("C"));
    let parsed = compiler().parse(query, Some("B")).expect("valid");
    assert_eq!(parsed.operation().root_fields(parsed.document()).count(), 1);
    assert_eq!(parsed.name().map(|n| n.as_str()), Some("B"));
}

#[test]
fn several_operations_without_a_name_is_a_resolution_failure() {
    let e = compiler()
        .parse("query A { me { id } } query B { cart { id } }", None)
        .expect_err("ambiguous");
    assert_eq!(e.code(), "OPERATION_RESOLUTION_FAILURE");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn unknown_operation_name_is_a_resolution_failure() {
    let e = compiler()
        .parse("query A { me { id } }", Some("B"))
        .expect_err("no operation B");
    assert_eq!(e.code(), "OPERATION_RESOLUTION_FAILURE");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn empty_document_is_refused() {
    let e = compiler().parse("", None).expect_err("nothing to run");
    assert!(
        matches!(
            e.code(),
            "GRAPHQL_PARSE_FAILED" | "GRAPHQL_VALIDATION_FAILED"
        ),
        "{e:?}"
    );
}

#[test]
fn unused_fragment_fails_validation() {
    let e = error(
        "{ me { id } } fragment F on User { name }",
        serde_json::json!({}),
    );
    assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED");
}

#[test]
fn fragment_cycle_fails_validation() {
    let e = error(
        "{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }",
        serde_json::json!({}),
    );
    assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED");
}
