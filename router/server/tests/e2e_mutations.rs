//! Mutations through the router: root fields run one after another, in document order, and
//! the signed-in user (`x-user-id`) reaches the subgraph.

mod e2e_support;

use e2e_support::Stack;
use router_server::RouterConfig;
use router_server::config::ErrorsConfig;
use serde_json::json;

#[tokio::test]
async fn mutations_run_in_document_order_then_the_cart_shows_them() {
    let stack = Stack::start().await;
    assert_mutations_in_order(&stack).await;
}

#[tokio::test]
async fn mutations_run_in_document_order_on_postgresql() {
    let Some(stack) = Stack::start_postgres("mutations_run_in_document_order_on_postgresql").await
    else {
        return;
    };
    assert_mutations_in_order(&stack).await;
}

async fn assert_mutations_in_order(stack: &Stack) {
    // User 20 has no cart in the TEST seed (only the first users do).
    let user = [("x-user-id", "20")];
    let before = stack
        .post(
            json!({ "query": "{ me { username cart { totalQuantity } } }" }),
            &user,
        )
        .await;
    assert_eq!(
        before.body,
        json!({ "data": { "me": { "username": "joan.clarke20", "cart": null } } })
    );

    let answer = stack
        .post(
            json!({ "query": r#"mutation Fill {
                first: addToCart(productId: "16", quantity: 2) { totalQuantity }
                second: addToCart(productId: "16", quantity: 1) {
                  totalQuantity
                  items { quantity product { name inStock } }
                }
                third: updateCartItem(productId: "16", quantity: 7) { totalQuantity }
            }"# }),
            &user,
        )
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(
        answer.body,
        json!({ "data": {
            "first": { "totalQuantity": 2 },
            "second": { "totalQuantity": 3, "items": [
                { "quantity": 3, "product": { "name": "Classic Terracotta Watering Can", "inStock": true } }
            ] },
            "third": { "totalQuantity": 7 }
        } })
    );

    let after = stack
        .post(
            json!({ "query": "{ me { cart { items { quantity product { id sku } } } } }" }),
            &user,
        )
        .await;
    assert_eq!(
        after.body,
        json!({ "data": { "me": { "cart": { "items": [
            { "quantity": 7, "product": { "id": "16", "sku": "SKU-000016" } }
        ] } } } })
    );
}

#[tokio::test]
async fn a_mutation_without_the_user_header_is_a_field_error_from_the_subgraph() {
    let stack = Stack::start_with(RouterConfig {
        errors: ErrorsConfig::pass_through(),
        ..RouterConfig::default()
    })
    .await;
    let answer = stack
        .post(
            json!({ "query": r#"mutation { addToCart(productId: "16", quantity: 1) { totalQuantity } }"# }),
            &[],
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["data"], json!(null), "{:#}", answer.body);
    let error = &answer.body["errors"][0];
    assert_eq!(error["path"], json!(["addToCart"]), "{:#}", answer.body);
    assert_eq!(error["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(error["extensions"]["serviceName"], "carts");
}
