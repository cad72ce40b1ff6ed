mod common;

use serde_json::{Value, json};
use subgraph_kit::{seed::SeedSize, testing::TestDatabase};

use common::{ids, newest_ids, no_errors, product_stats, reference, start};

#[tokio::test]
async fn reviews_of_many_users_cost_one_statement() {
    for database in TestDatabase::all("user_reviews_one_statement").await {
        let service = start(&database).await;
        let users: Vec<Value> = (1..=i64::from(SeedSize::TEST.users))
            .map(|id| reference("User", id))
            .collect();
        service.statements.reset();
        let response = service
            .client
            .query(
                r#"query ($r: [_Any!]!) { _entities(representations: $r) {
                    ... on User { id reviews(first: 3) { id rating } } } }"#,
                json!({ "r": users }),
            )
            .await;
        no_errors(&response);
        assert_eq!(
            service.statements.count(),
            1,
            "{}: {:#?}",
            database.backend,
            service.statements.statements()
        );
        // And the per-user limit is right for every user.
        for (i, user) in response["data"]["_entities"]
            .as_array()
            .expect("list")
            .iter()
            .enumerate()
        {
            let id = i as i64 + 1;
            assert_eq!(
                ids(&user["reviews"]),
                newest_ids(|r| r.user_id == id, 3),
                "user {id}"
            );
        }
        database.cleanup().await;
    }
}

#[tokio::test]
async fn reviews_and_rating_stats_of_many_products_cost_two_statements() {
    for database in TestDatabase::all("product_reviews_two_statements").await {
        let service = start(&database).await;
        let products: Vec<Value> = (1..=i64::from(SeedSize::TEST.products))
            .map(|id| reference("Product", id))
            .collect();
        service.statements.reset();
        let response = service
            .client
            .query(
                r#"query ($r: [_Any!]!) { _entities(representations: $r) {
                    ... on Product { id reviews(first: 2) { id } averageRating reviewCount } } }"#,
                json!({ "r": products }),
            )
            .await;
        no_errors(&response);
        // One windowed SELECT for all review lists, one GROUP BY for all counts and averages.
        assert_eq!(
            service.statements.count(),
            2,
            "{}: {:#?}",
            database.backend,
            service.statements.statements()
        );
        let statements = service.statements.statements().join("\n");
        assert!(statements.contains("ROW_NUMBER()"), "{statements}");
        assert!(statements.contains("GROUP BY"), "{statements}");
        for (i, product) in response["data"]["_entities"]
            .as_array()
            .expect("list")
            .iter()
            .enumerate()
        {
            let id = i as i64 + 1;
            let (count, average) = product_stats(id);
            assert_eq!(
                ids(&product["reviews"]),
                newest_ids(|r| r.product_id == id, 2),
                "product {id}"
            );
            assert_eq!(product["reviewCount"], count, "product {id}");
            match average {
                Some(average) => {
                    let got = product["averageRating"].as_f64().expect("average");
                    assert!(
                        (got - average).abs() < 1e-9,
                        "product {id}: {got} vs {average}"
                    );
                }
                None => assert!(product["averageRating"].is_null(), "product {id}"),
            }
        }
        database.cleanup().await;
    }
}

#[tokio::test]
async fn lists_with_different_first_share_one_statement() {
    for database in TestDatabase::all("aliased_firsts_one_statement").await {
        let service = start(&database).await;
        service.statements.reset();
        let response = service
            .client
            .query(
                r#"{ _entities(representations: [
                        {__typename: "User", id: "1"}, {__typename: "User", id: "2"}
                    ]) { ... on User { one: reviews(first: 1) { id } five: reviews(first: 5) { id } } } }"#,
                json!({}),
            )
            .await;
        no_errors(&response);
        assert_eq!(
            service.statements.count(),
            1,
            "{:#?}",
            service.statements.statements()
        );
        for (i, user) in response["data"]["_entities"]
            .as_array()
            .expect("list")
            .iter()
            .enumerate()
        {
            let id = i as i64 + 1;
            assert_eq!(ids(&user["one"]), newest_ids(|r| r.user_id == id, 1));
            assert_eq!(ids(&user["five"]), newest_ids(|r| r.user_id == id, 5));
        }
        database.cleanup().await;
    }
}

#[tokio::test]
async fn many_review_representations_cost_one_select() {
    for database in TestDatabase::all("review_entities_one_select").await {
        let service = start(&database).await;
        let reviews: Vec<Value> = (1..=60).map(|id| reference("Review", id)).collect();
        service.statements.reset();
        let response = service
            .client
            .query(
                r#"query ($r: [_Any!]!) { _entities(representations: $r) {
                    ... on Review { id author { username } product { id } } } }"#,
                json!({ "r": reviews }),
            )
            .await;
        no_errors(&response);
        assert_eq!(ids(&response["data"]["_entities"]).len(), 60);
        assert_eq!(
            service.statements.count(),
            1,
            "{:#?}",
            service.statements.statements()
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn nested_lists_under_latest_reviews_are_batched() {
    for database in TestDatabase::all("nested_lists_batched").await {
        let service = start(&database).await;
        service.statements.reset();
        let response = service
            .client
            .query(
                "{ latestReviews(first: 20) { id product { reviewCount reviews(first: 2) { id } } author { reviews(first: 1) { id } } } }",
                json!({}),
            )
            .await;
        no_errors(&response);
        // latest + product lists + product stats + author lists.
        assert_eq!(
            service.statements.count(),
            4,
            "{:#?}",
            service.statements.statements()
        );
        database.cleanup().await;
    }
}
