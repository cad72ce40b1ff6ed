//! Spec §6.4.4: a null in a non-null position nulls the nearest nullable ancestor, with one
//! error at the field's path; wrongly-typed subgraph values are field errors.

mod common;

use common::{Subgraphs, harness, key};
use serde_json::{Value, json};

fn errors_at(response: &Value) -> Vec<(Value, Value)> {
    response["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| (e["path"].clone(), e["extensions"]["code"].clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_null_in_a_non_null_field_nulls_the_nearest_nullable_ancestor() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "products",
        json!({ "product": { "__typename": "Product", "upc": "1", "name": null, "sku": "S" } }),
    );
    let response = h
        .run(
            r#"{ product(upc: "1") { sku name } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(response["data"], json!({ "product": null }));
    assert_eq!(
        errors_at(&response),
        vec![(
            json!(["product", "name"]),
            json!("RESPONSE_VALIDATION_FAILED")
        )]
    );
    assert_eq!(
        response["errors"][0]["message"],
        "Cannot return null for non-nullable field Product.name"
    );
    assert_eq!(
        response["errors"][0]["locations"],
        json!([{ "line": 1, "column": 27 }])
    );
}

#[tokio::test]
async fn a_missing_non_null_field_nulls_only_its_list_item_when_items_are_nullable() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root(
            "catalog",
            json!({ "shelves": [[
                { "__typename": "Product", "id": "1", "name": "A" },
                { "__typename": "Product", "id": "2", "name": "B" },
            ]] }),
        )
        .entities("prices", |rep| {
            if key(rep, "id") == "2" {
                json!({ "__typename": "Product" })
            } else {
                json!({ "__typename": "Product", "price": 5 })
            }
        });
    let response = h
        .run("{ shelves { name price } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response["data"],
        json!({ "shelves": [[{ "name": "A", "price": 5 }, null]] })
    );
    assert_eq!(
        errors_at(&response),
        vec![(
            json!(["shelves", 0, 1, "price"]),
            json!("RESPONSE_VALIDATION_FAILED")
        )]
    );
}

#[tokio::test]
async fn a_null_reaching_a_non_null_root_field_nulls_data() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "products",
        json!({ "topProducts": [
            { "__typename": "Product", "upc": "1", "name": "A" },
            { "__typename": "Product", "upc": "2", "name": null },
        ] }),
    );
    let response = h
        .run("{ topProducts { name } }", json!({}), &subgraphs)
        .await;
    assert_eq!(response["data"], Value::Null);
    assert_eq!(
        errors_at(&response),
        vec![(
            json!(["topProducts", 1, "name"]),
            json!("RESPONSE_VALIDATION_FAILED")
        )]
    );
}

#[tokio::test]
async fn a_null_the_subgraph_already_reported_gets_no_second_error() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root_body(
        "products",
        json!({
            "data": { "product": { "__typename": "Product", "upc": "1", "name": null } },
            "errors": [{ "message": "name lookup failed", "path": ["product", "name"] }],
        }),
    );
    let response = h
        .run(r#"{ product(upc: "1") { name } }"#, json!({}), &subgraphs)
        .await;
    assert_eq!(response["data"], json!({ "product": null }));
    assert_eq!(
        errors_at(&response),
        vec![(
            json!(["product", "name"]),
            json!("DOWNSTREAM_SERVICE_ERROR")
        )]
    );
}

#[tokio::test]
async fn errors_raised_by_the_router_locate_the_field_through_fragments() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "products",
        json!({ "product": { "__typename": "Product", "upc": "1", "name": 7 } }),
    );
    let response = h
        .run(
            "query {\n  product(upc: \"1\") {\n    ...P\n  }\n}\nfragment P on Product {\n  label: name\n}",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(response["data"], json!({ "product": null }));
    assert_eq!(response["errors"][0]["path"], json!(["product", "label"]));
    assert_eq!(
        response["errors"][0]["locations"],
        json!([{ "line": 7, "column": 3 }])
    );
}

#[tokio::test]
async fn wrongly_typed_values_are_field_errors_not_panics() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root(
            "catalog",
            json!({ "shelves": [[
                { "__typename": "Product", "id": "1", "name": 42, "related": { "id": "x" } },
                { "__typename": "Product", "id": 2, "name": "ok", "related": [] },
                "not an object",
            ]] }),
        )
        .entities("prices", |rep| {
            if key(rep, "id") == "1" {
                json!({ "__typename": "Product", "discount": "cheap" })
            } else {
                json!({ "__typename": "Product", "discount": 3_000_000_000u64 })
            }
        });
    let response = h
        .run(
            "{ shelves { id name discount related { id } } }",
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response["data"],
        json!({ "shelves": [[
            { "id": "1", "name": null, "discount": null, "related": null },
            { "id": "2", "name": "ok", "discount": null, "related": [] },
            null,
        ]] })
    );
    let mut paths: Vec<String> = errors_at(&response)
        .iter()
        .map(|(path, code)| {
            assert_eq!(code, "RESPONSE_VALIDATION_FAILED");
            path.to_string()
        })
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            r#"["shelves",0,0,"discount"]"#,
            r#"["shelves",0,0,"name"]"#,
            r#"["shelves",0,0,"related"]"#,
            r#"["shelves",0,1,"discount"]"#,
            r#"["shelves",0,2]"#,
        ]
    );
}

#[tokio::test]
async fn enum_values_outside_the_api_schema_are_field_errors() {
    let h = harness("lists");
    let subgraphs = Subgraphs::new().root(
        "catalog",
        json!({ "shelves": [[
            { "__typename": "Product", "id": "1", "status": "ACTIVE" },
            { "__typename": "Product", "id": "2", "status": "GONE" },
        ]] }),
    );
    let response = h
        .run("{ shelves { id status } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response["data"],
        json!({ "shelves": [[{ "id": "1", "status": "ACTIVE" }, { "id": "2", "status": null }]] })
    );
    assert_eq!(
        errors_at(&response),
        vec![(
            json!(["shelves", 0, 1, "status"]),
            json!("RESPONSE_VALIDATION_FAILED")
        )]
    );
}

/// `RESPONSE_VALIDATION_FAILED` names the service whose fetch asked for the field (issue 15),
/// for a root fetch and for an entity fetch flattened into a list of lists.
#[tokio::test]
async fn a_validation_error_names_the_service_that_sent_the_value() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new().root(
        "products",
        json!({ "product": { "__typename": "Product", "upc": "1", "name": null, "sku": "S" } }),
    );
    let response = h
        .run(
            r#"{ product(upc: "1") { sku name } }"#,
            json!({}),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response["errors"][0]["extensions"]["serviceName"],
        json!("products"),
        "{response:#}"
    );

    let h = harness("lists");
    let subgraphs = Subgraphs::new()
        .root(
            "catalog",
            json!({ "shelves": [[{ "__typename": "Product", "id": "2", "name": "B" }]] }),
        )
        .entities("prices", |_| json!({ "__typename": "Product" }));
    let response = h
        .run("{ shelves { name price } }", json!({}), &subgraphs)
        .await;
    assert_eq!(
        response["errors"][0]["path"],
        json!(["shelves", 0, 0, "price"]),
        "{response:#}"
    );
    assert_eq!(
        response["errors"][0]["extensions"]["serviceName"],
        json!("prices"),
        "{response:#}"
    );
}
