mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::{ids, newest_ids, no_errors, seeded, start};

#[tokio::test]
async fn review_by_id_with_provided_author_username() {
    for database in TestDatabase::all("review_by_id").await {
        let service = start(&database).await;
        let (id, seed) = seeded().swap_remove(4);
        let response = service
            .client
            .query(
                r#"query ($id: ID!) { review(id: $id) {
                    id body rating createdAt author { id username } product { id }
                } }"#,
                json!({ "id": id.to_string() }),
            )
            .await;
        no_errors(&response);
        let review = &response["data"]["review"];
        assert_eq!(review["id"], id.to_string());
        assert_eq!(review["body"], seed.body);
        assert_eq!(review["rating"], seed.rating);
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(review["createdAt"].as_str().expect("createdAt"))
                .expect("RFC 3339"),
            seed.created_at
        );
        assert_eq!(
            review["author"],
            json!({ "id": seed.user_id.to_string(), "username": subgraph_kit::seed::username(seed.user_id) })
        );
        assert_eq!(
            review["product"],
            json!({ "id": seed.product_id.to_string() })
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_review_is_null_and_malformed_id_is_bad_user_input() {
    for database in TestDatabase::all("review_unknown_or_malformed").await {
        let service = start(&database).await;
        let query = "query ($id: ID!) { review(id: $id) { id } }";
        let response = service.client.query(query, json!({ "id": "987654" })).await;
        assert_eq!(response, json!({ "data": { "review": null } }));
        for bad in ["x", "0", "-1", ""] {
            let response = service.client.query(query, json!({ "id": bad })).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{bad:?}: {response}"
            );
        }
        database.cleanup().await;
    }
}

#[tokio::test]
async fn latest_reviews_are_newest_first() {
    for database in TestDatabase::all("latest_reviews").await {
        let service = start(&database).await;
        let response = service
            .client
            .query("{ latestReviews { id } }", json!({}))
            .await;
        no_errors(&response);
        assert_eq!(
            ids(&response["data"]["latestReviews"]),
            newest_ids(|_| true, 10)
        );
        let response = service
            .client
            .query("{ latestReviews(first: 3) { id } }", json!({}))
            .await;
        assert_eq!(
            ids(&response["data"]["latestReviews"]),
            newest_ids(|_| true, 3)
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn first_out_of_range_is_bad_user_input() {
    for database in TestDatabase::all("reviews_first_out_of_range").await {
        let service = start(&database).await;
        for query in [
            "{ latestReviews(first: 0) { id } }",
            "{ latestReviews(first: 101) { id } }",
            r#"{ _entities(representations: [{__typename: "User", id: "1"}]) { ... on User { reviews(first: -1) { id } } } }"#,
            r#"{ _entities(representations: [{__typename: "Product", id: "1"}]) { ... on Product { reviews(first: 500) { id } } } }"#,
        ] {
            let response = service.client.query(query, json!({})).await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{query}: {response}"
            );
        }
        database.cleanup().await;
    }
}
