//! `_entities` for every key: Cart, Order and User.

mod common;

use common::{data, start};
use serde_json::json;
use subgraph_kit::{
    seed::SeedSize,
    testing::{TestDatabase, error_codes},
};

const ENTITIES: &str = "query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Cart { id user { id } totalQuantity } ... on Order { id user { id } status items { quantity } } ... on User { id cart { id } orders { id } } } }";

#[tokio::test]
async fn resolves_cart_order_and_user_keys() {
    for test in TestDatabase::all("resolves_entity_keys").await {
        let service = start(&test).await;
        let seed = carts::seed::generate(SeedSize::TEST);
        let order = seed.orders.first().unwrap();
        let order_id = order.id.clone().unwrap().to_string();
        let order_owner = order.user_id.clone().unwrap().to_string();
        let response = service
            .client
            .query(
                ENTITIES,
                json!({ "r": [
                    { "__typename": "Cart", "id": "2" },
                    { "__typename": "Order", "id": order_id },
                    { "__typename": "User", "id": "3" },
                    { "__typename": "User", "id": "20" },
                ]}),
            )
            .await;
        let entities = data(&response)["_entities"].as_array().unwrap().clone();
        assert_eq!(entities[0]["__typename"], "Cart", "{}", service.backend);
        assert_eq!(entities[0]["id"], "2");
        assert_eq!(entities[0]["user"]["id"], "2");
        assert!(entities[0]["totalQuantity"].as_i64().unwrap() > 0);
        assert_eq!(entities[1]["__typename"], "Order");
        assert_eq!(entities[1]["id"], order_id);
        assert_eq!(entities[1]["user"]["id"], order_owner);
        assert!(!entities[1]["items"].as_array().unwrap().is_empty());
        assert_eq!(entities[2]["id"], "3");
        assert_eq!(entities[2]["cart"]["id"], "3");
        // User 20 is beyond the seeded carts and orders: no cart, no orders, still a user.
        assert_eq!(entities[3]["id"], "20");
        assert!(entities[3]["cart"].is_null());
        assert_eq!(entities[3]["orders"], json!([]));
        test.cleanup().await;
    }
}

#[tokio::test]
async fn unknown_ids_resolve_to_null_and_malformed_ids_are_bad_input() {
    for test in TestDatabase::all("unknown_entity_ids").await {
        let service = start(&test).await;
        let response = service
            .client
            .query(
                ENTITIES,
                json!({ "r": [
                    { "__typename": "Cart", "id": "424242" },
                    { "__typename": "Order", "id": "424242" },
                ]}),
            )
            .await;
        assert_eq!(
            data(&response)["_entities"],
            json!([null, null]),
            "{}",
            service.backend
        );

        for typename in ["Cart", "Order", "User"] {
            let response = service
                .client
                .query(
                    ENTITIES,
                    json!({ "r": [{ "__typename": typename, "id": "-3" }] }),
                )
                .await;
            assert_eq!(error_codes(&response), ["BAD_USER_INPUT"], "{typename}");
        }
        test.cleanup().await;
    }
}
