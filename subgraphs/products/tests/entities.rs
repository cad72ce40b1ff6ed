//! `_entities` resolves `Product` representations by either key, one statement per key.

mod common;

use serde_json::{Value, json};

const QUERY: &str = r#"
    query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
            __typename
            ... on Product { id sku name price weight inStock dimensions { width height depth } }
        }
    }
"#;

fn by_id(id: i64) -> Value {
    json!({ "__typename": "Product", "id": id.to_string() })
}

fn by_sku(id: i64) -> Value {
    json!({ "__typename": "Product", "sku": format!("SKU-{id:06}") })
}

#[tokio::test]
async fn resolves_by_id_and_by_sku_in_order_with_null_for_unknown() {
    let catalogue = common::catalogue();
    for service in common::start_all("products_entities_order").await {
        let representations = json!([by_id(7), by_sku(3), by_id(999), by_sku(999), by_id(50),
            { "__typename": "Product", "sku": "nonsense" }, { "__typename": "Product", "id": "x" }]);
        let response = service
            .client
            .query(QUERY, json!({ "representations": representations }))
            .await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            service.backend
        );
        let entities = &response["data"]["_entities"];
        assert_eq!(entities[0]["id"], "7", "{}: {entities}", service.backend);
        assert_eq!(entities[0]["sku"], "SKU-000007");
        assert_eq!(entities[0]["name"], catalogue[6].name);
        assert_eq!(entities[0]["price"], catalogue[6].price_cents);
        assert_eq!(entities[0]["weight"], catalogue[6].weight_kg);
        assert_eq!(entities[0]["dimensions"]["depth"], catalogue[6].depth_cm);
        assert_eq!(entities[1]["id"], "3");
        assert_eq!(entities[1]["sku"], "SKU-000003");
        assert!(entities[2].is_null() && entities[3].is_null(), "{entities}");
        assert_eq!(entities[4]["id"], "50");
        assert_eq!(entities[4]["inStock"], catalogue[49].in_stock);
        assert!(entities[5].is_null() && entities[6].is_null(), "{entities}");
        service.cleanup().await;
    }
}

async fn statements_for(service: &common::Running, representations: Vec<Value>) -> usize {
    let count = representations.len();
    service.statements.reset();
    let response = service
        .client
        .query(QUERY, json!({ "representations": representations }))
        .await;
    assert!(
        response["errors"].is_null(),
        "{}: {response}",
        service.backend
    );
    let entities = response["data"]["_entities"].as_array().expect("entities");
    assert_eq!(entities.len(), count);
    assert!(
        entities.iter().all(|e| e["__typename"] == "Product"),
        "{response}"
    );
    service.statements.count()
}

#[tokio::test]
async fn each_key_costs_one_statement_however_many_representations() {
    for service in common::start_all("products_entities_batched").await {
        let ids = statements_for(&service, (1..=30).map(by_id).collect()).await;
        assert_eq!(
            ids,
            1,
            "{} by id: {:#?}",
            service.backend,
            service.statements.statements()
        );
        let skus = statements_for(&service, (1..=30).map(by_sku).collect()).await;
        assert_eq!(
            skus,
            1,
            "{} by sku: {:#?}",
            service.backend,
            service.statements.statements()
        );
        let mixed = statements_for(
            &service,
            (1..=30)
                .map(|id| if id % 2 == 0 { by_id(id) } else { by_sku(id) })
                .collect(),
        )
        .await;
        assert_eq!(
            mixed,
            2,
            "{} mixed: {:#?}",
            service.backend,
            service.statements.statements()
        );
        service.cleanup().await;
    }
}
