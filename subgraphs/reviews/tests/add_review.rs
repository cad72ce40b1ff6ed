mod common;

use serde_json::{Value, json};
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::{no_errors, start};

const ADD: &str = r#"mutation ($productId: ID!, $rating: Int!, $body: String!) {
  addReview(productId: $productId, rating: $rating, body: $body) {
    id body rating createdAt author { id username } product { id }
  }
}"#;

fn input(product: &str, rating: i32, body: &str) -> Value {
    json!({ "productId": product, "rating": rating, "body": body })
}

#[tokio::test]
async fn signed_in_user_adds_a_review_that_is_then_listed() {
    for database in TestDatabase::all("add_review").await {
        let service = start(&database).await;
        let before = service
            .client
            .query(
                r#"{ _entities(representations: [{__typename: "Product", id: "12"}]) {
                    ... on Product { reviewCount } } }"#,
                json!({}),
            )
            .await;
        let count_before = before["data"]["_entities"][0]["reviewCount"]
            .as_i64()
            .expect("count");

        let response = service
            .client
            .as_user(7)
            .query(ADD, input("12", 4, "  Sturdy and quiet.  "))
            .await;
        no_errors(&response);
        let added = &response["data"]["addReview"];
        assert_eq!(added["body"], "Sturdy and quiet.");
        assert_eq!(added["rating"], 4);
        assert_eq!(
            added["author"],
            json!({ "id": "7", "username": subgraph_kit::seed::username(7) })
        );
        assert_eq!(added["product"], json!({ "id": "12" }));
        let id = added["id"].as_str().expect("id").to_owned();

        // Readable by id, newest overall, newest of the product, counted.
        let response = service
            .client
            .query(
                r#"query ($id: ID!) {
                    review(id: $id) { id body createdAt }
                    latestReviews(first: 1) { id }
                    _entities(representations: [{__typename: "Product", id: "12"}]) {
                        ... on Product { reviews(first: 1) { id } reviewCount }
                    }
                }"#,
                json!({ "id": id }),
            )
            .await;
        no_errors(&response);
        assert_eq!(response["data"]["review"]["body"], "Sturdy and quiet.");
        assert_eq!(response["data"]["review"]["createdAt"], added["createdAt"]);
        assert_eq!(response["data"]["latestReviews"][0]["id"], id.as_str());
        let product = &response["data"]["_entities"][0];
        assert_eq!(product["reviews"][0]["id"], id.as_str());
        assert_eq!(product["reviewCount"], count_before + 1);
        database.cleanup().await;
    }
}

#[tokio::test]
async fn adding_a_review_needs_a_valid_signed_in_user() {
    for database in TestDatabase::all("add_review_unauthenticated").await {
        let service = start(&database).await;
        let anonymous = service.client.query(ADD, input("1", 5, "Nice")).await;
        assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"], "{anonymous}");
        assert!(anonymous["data"].is_null(), "{anonymous}");
        for header in ["abc", "0", "-4"] {
            let response = service
                .client
                .as_user(header)
                .query(ADD, input("1", 5, "Nice"))
                .await;
            assert_eq!(
                error_codes(&response),
                ["UNAUTHENTICATED"],
                "{header}: {response}"
            );
        }
        database.cleanup().await;
    }
}

#[tokio::test]
async fn invalid_reviews_are_bad_user_input_and_not_stored() {
    for database in TestDatabase::all("add_review_invalid").await {
        let service = start(&database).await;
        let user = service.client.as_user(2);
        let too_long = "a".repeat(2001);
        for (variables, needle) in [
            (input("1", 0, "ok"), "rating"),
            (input("1", 6, "ok"), "rating"),
            (input("1", 3, ""), "body"),
            (input("1", 3, " \n\t "), "body"),
            (input("1", 3, &too_long), "2000"),
            (input("x1", 3, "ok"), "productId"),
            (input("0", 3, "ok"), "productId"),
            (input("-5", 3, "ok"), "productId"),
        ] {
            let response = user.query(ADD, variables.clone()).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{variables}: {response}"
            );
            let message = response["errors"][0]["message"]
                .as_str()
                .unwrap_or_default();
            assert!(
                message.contains(needle),
                "{message:?} should mention {needle}"
            );
            assert_eq!(response["errors"][0]["path"], json!(["addReview"]));
        }
        // Exactly 2000 characters is fine.
        let response = user.query(ADD, input("1", 3, &"a".repeat(2000))).await;
        no_errors(&response);
        // Nothing invalid was stored: only that one review is new.
        let response = service
            .client
            .query("{ latestReviews(first: 2) { body } }", json!({}))
            .await;
        assert_eq!(
            response["data"]["latestReviews"][0]["body"]
                .as_str()
                .map(str::len),
            Some(2000)
        );
        assert_ne!(
            response["data"]["latestReviews"][1]["body"]
                .as_str()
                .map(str::len),
            Some(2000)
        );
        database.cleanup().await;
    }
}
