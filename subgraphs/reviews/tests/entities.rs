mod common;

use serde_json::json;
use subgraph_kit::testing::{TestDatabase, error_codes};

use common::{
    ids, newest_ids, no_errors, product_stats, product_with_reviews, reference, seeded, start,
};

#[tokio::test]
async fn resolves_reviews_by_key_and_unknown_ones_to_null() {
    for database in TestDatabase::all("review_entities").await {
        let service = start(&database).await;
        let (id, seed) = seeded().swap_remove(0);
        let response = service
            .client
            .query(
                r#"query ($r: [_Any!]!) { _entities(representations: $r) {
                    __typename ... on Review { id rating author { username } }
                } }"#,
                json!({ "r": [reference("Review", id), reference("Review", 999_999)] }),
            )
            .await;
        no_errors(&response);
        assert_eq!(
            response["data"]["_entities"],
            json!([
                { "__typename": "Review", "id": id.to_string(), "rating": seed.rating,
                  "author": { "username": subgraph_kit::seed::username(seed.user_id) } },
                null,
            ])
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn resolves_users_with_their_reviews() {
    for database in TestDatabase::all("user_entities").await {
        let service = start(&database).await;
        let response = service
            .client
            .query(
                r#"query ($r: [_Any!]!) { _entities(representations: $r) {
                    __typename ... on User { id reviews(first: 4) { id author { id } } }
                } }"#,
                json!({ "r": [reference("User", 3), reference("User", 424_242)] }),
            )
            .await;
        no_errors(&response);
        let entities = &response["data"]["_entities"];
        assert_eq!(entities[0]["id"], "3");
        assert_eq!(
            ids(&entities[0]["reviews"]),
            newest_ids(|r| r.user_id == 3, 4)
        );
        assert!(!ids(&entities[0]["reviews"]).is_empty());
        for review in entities[0]["reviews"].as_array().expect("list") {
            assert_eq!(review["author"]["id"], "3");
        }
        // A user with no reviews still resolves, with an empty list.
        assert_eq!(
            entities[1],
            json!({ "__typename": "User", "id": "424242", "reviews": [] })
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn resolves_products_with_reviews_and_rating_stats() {
    for database in TestDatabase::all("product_entities").await {
        let service = start(&database).await;
        let product = product_with_reviews(3);
        let (count, average) = product_stats(product);
        let response = service
            .client
            .query(
                r#"query ($r: [_Any!]!) { _entities(representations: $r) {
                    ... on Product { id reviews { id product { id } } averageRating reviewCount }
                } }"#,
                json!({ "r": [reference("Product", product), reference("Product", 777_777)] }),
            )
            .await;
        no_errors(&response);
        let entities = &response["data"]["_entities"];
        assert_eq!(
            ids(&entities[0]["reviews"]),
            newest_ids(|r| r.product_id == product, 10)
        );
        assert_eq!(entities[0]["reviewCount"], count);
        let got = entities[0]["averageRating"].as_f64().expect("average");
        assert!(
            (got - average.expect("has reviews")).abs() < 1e-9,
            "{got} vs {average:?}"
        );
        assert_eq!(
            entities[1],
            json!({ "id": "777777", "reviews": [], "averageRating": null, "reviewCount": 0 })
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn malformed_keys_are_bad_user_input() {
    for database in TestDatabase::all("malformed_keys").await {
        let service = start(&database).await;
        for typename in ["Review", "User", "Product"] {
            let response = service
                .client
                .query(
                    "query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
                    json!({ "r": [reference(typename, "abc")] }),
                )
                .await;
            assert_eq!(
                error_codes(&response),
                ["BAD_USER_INPUT"],
                "{typename}: {response}"
            );
        }
        database.cleanup().await;
    }
}
