//! Cross-subgraph queries through the real router and the five real subgraphs (seeded with
//! `SeedSize::TEST` on SQLite). Expected values are the seed data's; shipping estimates are
//! inventory's rule (free from 100.00, else 4.99 + 1.20/kg rounded up to the cent) applied to
//! the price and weight products owns, so a wrong `@requires` representation shows up here.

mod e2e_support;

use e2e_support::Stack;
use serde_json::json;

#[tokio::test]
async fn user_cart_items_with_product_stock_and_shipping_from_four_subgraphs() {
    let stack = Stack::start().await;
    assert_user_cart(&stack).await;
}

#[tokio::test]
async fn the_same_cross_subgraph_query_on_postgresql() {
    let Some(stack) = Stack::start_postgres("the_same_cross_subgraph_query_on_postgresql").await
    else {
        return;
    };
    assert_user_cart(&stack).await;
}

#[tokio::test]
async fn the_checked_in_supergraph_serves_the_same_answer() {
    let stack = Stack::start_checked_in().await;
    assert_user_cart(&stack).await;
}

async fn assert_user_cart(stack: &Stack) {
    let body = stack
        .query(
            r#"{ user(id: "1") { id username name cart { items { quantity product {
                   id name price inStock quantityAvailable shippingEstimate } } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        body,
        json!({ "data": { "user": {
            "id": "1",
            "username": "alan.turing1",
            "name": "Alan Turing",
            "cart": { "items": [ { "quantity": 5, "product": {
                "id": "11",
                "name": "Portable Matte-Black Camera",
                "price": 69999,
                "inStock": true,
                "quantityAvailable": 53,
                "shippingEstimate": 0
            } } ] }
        } } })
    );
}

#[tokio::test]
async fn shipping_estimate_gets_price_and_weight_through_requires() {
    let stack = Stack::start().await;
    let body = stack
        .query(
            r#"{ topProducts(first: 2) { id price weight shippingEstimate }
                 product(id: "16") { shippingEstimate } }"#,
            json!({}),
        )
        .await;
    // 499 + ceil(120 * weight) cents below a price of 10000.
    assert_eq!(
        body,
        json!({ "data": {
            "topProducts": [
                { "id": "40", "price": 2599, "weight": 1.331, "shippingEstimate": 659 },
                { "id": "47", "price": 8399, "weight": 1.993, "shippingEstimate": 739 }
            ],
            "product": { "shippingEstimate": 684 }
        } })
    );
}

#[tokio::test]
async fn product_reviews_with_provided_usernames_and_author_names_from_users() {
    let stack = Stack::start().await;
    let body = stack
        .query(
            r#"{ product(id: "16") { name reviews { rating author { username name } } } }"#,
            json!({}),
        )
        .await;
    let author = json!({ "username": "linus.torvalds3", "name": "Linus Torvalds" });
    assert_eq!(
        body,
        json!({ "data": { "product": {
            "name": "Classic Terracotta Watering Can",
            "reviews": [
                { "rating": 3, "author": author },
                { "rating": 3, "author": author }
            ]
        } } })
    );
}

#[tokio::test]
async fn latest_reviews_with_products_from_three_subgraphs() {
    let stack = Stack::start().await;
    let body = stack
        .query(
            r#"{ latestReviews(first: 2) { id rating author { id username }
                   product { id name reviewCount averageRating shippingEstimate } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        body,
        json!({ "data": { "latestReviews": [
            { "id": "200", "rating": 3,
              "author": { "id": "3", "username": "linus.torvalds3" },
              "product": { "id": "16", "name": "Classic Terracotta Watering Can",
                           "reviewCount": 2, "averageRating": 3.0, "shippingEstimate": 684 } },
            { "id": "199", "rating": 4,
              "author": { "id": "7", "username": "ken.thompson7" },
              "product": { "id": "39", "name": "Handcrafted Magnetic Yo-Yo",
                           "reviewCount": 5, "averageRating": 2.8, "shippingEstimate": 538 } }
        ] } })
    );
}

#[tokio::test]
async fn variables_reach_the_subgraphs_that_use_them() {
    let stack = Stack::start().await;
    let body = stack
        .query(
            r#"query ProductReviews($id: ID!, $first: Int) {
                 product(id: $id) { name reviews(first: $first) { rating author { username } } }
               }"#,
            json!({ "id": "39", "first": 2 }),
        )
        .await;
    assert_eq!(
        body,
        json!({ "data": { "product": {
            "name": "Handcrafted Magnetic Yo-Yo",
            "reviews": [
                { "rating": 4, "author": { "username": "ken.thompson7" } },
                { "rating": 1, "author": { "username": "frances.allen8" } }
            ]
        } } })
    );
}

#[tokio::test]
async fn fragments_aliases_skip_and_include_shape_the_response() {
    let stack = Stack::start().await;
    let query = r#"
        query Shaped($withStock: Boolean!, $skipPrice: Boolean!) {
          first: product(id: "16") { ...Basics stock: quantityAvailable @include(if: $withStock) }
          second: product(id: "11") {
            ...Basics
            ... on Product @skip(if: $withStock) { sku }
            owner: __typename
          }
        }
        fragment Basics on Product { title: name price @skip(if: $skipPrice) inStock }
    "#;
    let with_stock = stack
        .query(query, json!({ "withStock": true, "skipPrice": false }))
        .await;
    assert_eq!(
        with_stock,
        json!({ "data": {
            "first": { "title": "Classic Terracotta Watering Can", "price": 1899, "inStock": true,
                       "stock": 47 },
            "second": { "title": "Portable Matte-Black Camera", "price": 69999, "inStock": true,
                        "owner": "Product" }
        } })
    );
    let without = stack
        .query(query, json!({ "withStock": false, "skipPrice": true }))
        .await;
    assert_eq!(
        without,
        json!({ "data": {
            "first": { "title": "Classic Terracotta Watering Can", "inStock": true },
            "second": { "title": "Portable Matte-Black Camera", "inStock": true,
                        "sku": "SKU-000011", "owner": "Product" }
        } })
    );
}

#[tokio::test]
async fn abstract_types_resolve_by_typename_union_and_interface() {
    let stack = Stack::start().await;
    let body = stack
        .query(
            r#"{
                 camera: search(text: "camera", first: 4) {
                   __typename
                   ... on Node { id }
                   ... on Product { name inStock }
                   ... on CategoryMatch { category }
                 }
                 books: search(text: "books", first: 1) {
                   __typename
                   ... on CategoryMatch { category productCount }
                   ... on Node { id }
                 }
               }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["camera"],
        json!([{ "__typename": "Product", "id": "11",
                 "name": "Portable Matte-Black Camera", "inStock": true }])
    );
    assert_eq!(
        body["data"]["books"],
        json!([{ "__typename": "CategoryMatch", "category": "BOOKS", "productCount": 8 }]),
        "no `id`: CategoryMatch is not a Node"
    );
}

#[tokio::test]
async fn introspection_mixes_with_subgraph_data_in_field_order() {
    let stack = Stack::start().await;
    let body = stack
        .query(
            r#"{
                 product(id: "11") { name }
                 __schema { queryType { name } mutationType { name } }
                 item: __type(name: "CartItem") { kind fields { name } }
                 __typename
               }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        serde_json::to_string(&body).expect("JSON"),
        serde_json::to_string(&json!({ "data": {
            "product": { "name": "Portable Matte-Black Camera" },
            "__schema": { "queryType": { "name": "Query" }, "mutationType": { "name": "Mutation" } },
            "item": { "kind": "OBJECT", "fields": [ { "name": "product" }, { "name": "quantity" } ] },
            "__typename": "Query"
        } }))
        .expect("JSON"),
        "same values and the client's field order"
    );
}

#[tokio::test]
async fn inaccessible_fields_are_invisible_to_clients() {
    let stack = Stack::start().await;
    let answer = stack
        .post(
            json!({ "query": r#"{ user(id: "1") { riskScore } }"# }),
            &[("accept", "application/graphql-response+json")],
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    assert!(answer.body.get("data").is_none(), "{:#}", answer.body);
}
