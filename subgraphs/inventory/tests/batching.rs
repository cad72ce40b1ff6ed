mod common;

use serde_json::{Value, json};
use subgraph_kit::testing::TestDatabase;

use common::{ENTITIES, SHIPPING, product_ref, start};

#[tokio::test]
async fn many_representations_cost_one_select() {
    for database in TestDatabase::all("many_representations_one_select").await {
        let service = start(&database).await;
        // 40 stocked products, one unknown and one repeated id.
        let mut representations: Vec<Value> = (1..=40).map(product_ref).collect();
        representations.push(product_ref(123_456));
        representations.push(product_ref(7));
        service.statements.reset();
        let response = service
            .client
            .query(ENTITIES, json!({ "representations": representations }))
            .await;
        assert!(response.get("errors").is_none(), "{response}");
        let entities = response["data"]["_entities"].as_array().expect("list");
        assert_eq!(entities.len(), 42);
        assert!(entities[40].is_null());
        assert_eq!(entities[41]["id"], "7");
        assert_eq!(
            service.statements.count(),
            1,
            "{}: {:#?}",
            database.backend,
            service.statements.statements()
        );
        assert!(
            service.statements.statements()[0].contains(" IN "),
            "{:?}",
            service.statements.statements()
        );
        database.cleanup().await;
    }
}

#[tokio::test]
async fn shipping_estimates_for_many_products_cost_one_select() {
    for database in TestDatabase::all("shipping_batch_one_select").await {
        let service = start(&database).await;
        let representations: Vec<Value> = (1..=25)
            .map(|id| json!({ "__typename": "Product", "id": id.to_string(), "price": id * 100, "weight": 1.0 }))
            .collect();
        service.statements.reset();
        let response = service
            .client
            .query(SHIPPING, json!({ "representations": representations }))
            .await;
        assert!(response.get("errors").is_none(), "{response}");
        assert_eq!(
            service.statements.count(),
            1,
            "{:#?}",
            service.statements.statements()
        );
        database.cleanup().await;
    }
}
