//! Answering the root meta-fields the planner never sees.

mod support;

use serde_json::json;
use support::{compile, compiler, vars};

#[test]
fn schema_introspection_is_answered_from_the_api_schema() {
    let prepared = compile(
        "{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }",
        json!({}),
    );
    assert!(prepared.normalized().is_introspection_only());
    let response = compiler().introspect(&prepared).expect("answers");
    assert!(response.errors.is_empty());
    assert_eq!(
        serde_json::Value::Object(response.data),
        json!({ "__schema": {
            "queryType": { "name": "Query" },
            "mutationType": { "name": "Mutation" },
            "subscriptionType": null
        } })
    );
}

#[test]
fn type_introspection_uses_variables_and_aliases() {
    let prepared = compile(
        "query($name: String!) { t: __type(name: $name) { kind possibleTypes { name } } missing: __type(name: \"Nope\") { name } }",
        json!({ "name": "SearchResult" }),
    );
    let response = compiler().introspect(&prepared).expect("answers");
    insta::assert_json_snapshot!(serde_json::Value::Object(response.data));
}

#[test]
fn mixed_query_splits_into_introspection_and_planned_fields() {
    let prepared = compile(
        "{ kind: __typename me { __typename id } __type(name: \"User\") { name } cart { id } }",
        json!({}),
    );
    let normalized = prepared.normalized();
    assert!(normalized.has_schema_introspection());
    assert!(!normalized.is_introspection_only());
    assert_eq!(
        normalized.without_introspection().to_compact_string(),
        "{ me { __typename id } cart { id } }"
    );
    let response = compiler().introspect(&prepared).expect("answers");
    assert_eq!(
        serde_json::Value::Object(response.data),
        json!({ "kind": "Query", "__type": { "name": "User" } })
    );
}

#[test]
fn mutation_root_typename_is_answered_too() {
    let prepared = compile("mutation { t: __typename checkout { id } }", json!({}));
    let response = compiler().introspect(&prepared).expect("answers");
    assert_eq!(
        serde_json::Value::Object(response.data),
        json!({ "t": "Mutation" })
    );
    assert_eq!(
        prepared
            .normalized()
            .without_introspection()
            .to_compact_string(),
        "mutation { checkout { id } }"
    );
}

#[test]
fn skipped_introspection_fields_are_not_answered() {
    let prepared = compile(
        "query($on: Boolean!) { __schema @include(if: $on) { queryType { name } } me { id } }",
        json!({ "on": false }),
    );
    assert!(
        prepared.normalized().has_schema_introspection(),
        "asked for, under a condition decided per request"
    );
    let response = compiler().introspect(&prepared).expect("answers");
    assert!(response.data.is_empty(), "{:?}", response.data);
}

#[test]
fn deeply_nested_introspection_is_refused() {
    let query = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }";
    let e = compiler()
        .compile(query, None, &vars(json!({})))
        .expect_err("too deep for introspection");
    assert_eq!(e.code(), "INTROSPECTION_FAILED");
}

#[test]
fn full_introspection_query_answers_every_api_type() {
    let prepared = compile(
        "{ __schema { types { name kind } directives { name } } }",
        json!({}),
    );
    let response = compiler().introspect(&prepared).expect("answers");
    let types: Vec<String> = response.data["__schema"]["types"]
        .as_array()
        .expect("types")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .filter(|n| !n.starts_with("__"))
        .map(str::to_owned)
        .collect();
    insta::assert_yaml_snapshot!(types);
}

#[test]
fn graphiql_introspection_query_passes_the_default_limits() {
    // The query graphql-js `getIntrospectionQuery()` produces, which GraphiQL and codegen send.
    let prepared = compile(
        include_str!("fixtures/introspection_query.graphql"),
        json!({}),
    );
    let response = compiler().introspect(&prepared).expect("answers");
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let schema = &response.data["__schema"];
    assert_eq!(schema["queryType"]["name"], "Query");
    let user = schema["types"]
        .as_array()
        .expect("types")
        .iter()
        .find(|t| t["name"] == "User")
        .expect("User is listed");
    let reviews = user["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == "reviews")
        .expect("User.reviews");
    assert_eq!(
        reviews["type"],
        json!({ "kind": "NON_NULL", "name": null, "ofType": { "kind": "LIST", "name": null,
            "ofType": { "kind": "NON_NULL", "name": null,
                "ofType": { "kind": "OBJECT", "name": "Review", "ofType": null } } } })
    );
    assert_eq!(reviews["args"][0]["defaultValue"], "5");
}
