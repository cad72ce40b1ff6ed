//! The GraphQL-over-HTTP surface of `router serve`: GET and POST, media types and status
//! codes, malformed requests, the query-plan header, the playground and health.

mod e2e_support;

use e2e_support::Stack;
use router_server::RouterConfig;
use serde_json::json;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

#[tokio::test]
async fn get_runs_queries_with_variables_and_operation_name() {
    let stack = Stack::start().await;
    let answer = stack
        .get(
            &[
                (
                    "query",
                    "query A { __typename } query ByName($id: ID!) { product(id: $id) { name inStock } }",
                ),
                ("operationName", "ByName"),
                ("variables", r#"{"id":"11"}"#),
            ],
            GRAPHQL_RESPONSE,
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, GRAPHQL_RESPONSE);
    assert_eq!(
        answer.body,
        json!({ "data": { "product": { "name": "Portable Matte-Black Camera", "inStock": true } } })
    );
}

#[tokio::test]
async fn get_refuses_mutations_with_405() {
    let stack = Stack::start().await;
    for accept in [GRAPHQL_RESPONSE, "application/json"] {
        let response = stack
            .http
            .get(stack.url("/graphql"))
            .query(&[("query", "mutation { clearCart { id } }")])
            .header("accept", accept)
            .header("apollo-require-preflight", "true")
            .header("x-user-id", "1")
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), 405, "{accept}");
        assert_eq!(response.headers()["allow"], "POST");
        let body: serde_json::Value = response.json().await.expect("JSON");
        assert_eq!(
            body["errors"][0]["extensions"]["code"],
            "METHOD_NOT_ALLOWED"
        );
        assert!(body.get("data").is_none());
    }
    // Nothing ran: user 1 still has their cart item.
    let cart = stack
        .query("{ me { cart { totalQuantity } } }", json!({}))
        .await;
    assert_eq!(
        cart,
        json!({ "data": { "me": { "cart": { "totalQuantity": 5 } } } })
    );
}

#[tokio::test]
async fn malformed_json_is_400_with_a_graphql_error_body() {
    let stack = Stack::start().await;
    for accept in [GRAPHQL_RESPONSE, "application/json"] {
        let answer = stack
            .post_raw(r#"{"query": "{ __typename }""#, accept)
            .await;
        assert_eq!(answer.status, 400, "{accept}");
        assert_eq!(answer.content_type, accept);
        assert_eq!(
            answer.body["errors"][0]["extensions"]["code"],
            "INVALID_GRAPHQL_REQUEST"
        );
        assert!(answer.body.get("data").is_none());
    }
    let missing_query = stack
        .post_raw(r#"{"variables": {}}"#, GRAPHQL_RESPONSE)
        .await;
    assert_eq!(missing_query.status, 400);
    let batch = stack
        .post_raw(r#"[{"query": "{ __typename }"}]"#, GRAPHQL_RESPONSE)
        .await;
    assert_eq!(batch.status, 400);
}

#[tokio::test]
async fn request_errors_are_400_for_graphql_response_json_and_200_for_json() {
    let stack = Stack::start().await;
    let invalid = json!({ "query": "{ product(id: \"1\") { nope } }" });
    let strict = stack
        .post(invalid.clone(), &[("accept", GRAPHQL_RESPONSE)])
        .await;
    assert_eq!(strict.status, 400);
    assert_eq!(strict.content_type, GRAPHQL_RESPONSE);
    assert_eq!(
        strict.body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
    assert!(strict.body.get("data").is_none());
    let legacy = stack.post(invalid, &[("accept", "application/json")]).await;
    assert_eq!(legacy.status, 200);
    assert_eq!(legacy.content_type, "application/json");
    assert_eq!(legacy.body, strict.body);

    let syntax = stack
        .post(
            json!({ "query": "{ product(" }),
            &[("accept", GRAPHQL_RESPONSE)],
        )
        .await;
    assert_eq!(syntax.status, 400);
    assert_eq!(
        syntax.body["errors"][0]["extensions"]["code"],
        "GRAPHQL_PARSE_FAILED"
    );

    let variables = stack
        .post(
            json!({ "query": "query($id: ID!) { product(id: $id) { name } }", "variables": {} }),
            &[("accept", GRAPHQL_RESPONSE)],
        )
        .await;
    assert_eq!(variables.status, 400);
    assert_eq!(
        variables.body["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let mut config = RouterConfig::default();
    config.limits.max_body_bytes = 1024;
    let stack = Stack::start_with(config).await;
    let padding = " ".repeat(2048);
    let answer = stack
        .post(
            json!({ "query": format!("{{ __typename {padding} }}") }),
            &[("accept", GRAPHQL_RESPONSE)],
        )
        .await;
    assert_eq!(answer.status, 413);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "PAYLOAD_TOO_LARGE"
    );
    let small = stack.post(json!({ "query": "{ __typename }" }), &[]).await;
    assert_eq!(small.body, json!({ "data": { "__typename": "Query" } }));
}

#[tokio::test]
async fn the_query_plan_header_returns_the_plan_and_provides_skips_users() {
    let stack = Stack::start().await;
    let query = r#"{ product(id: "16") { name reviews { author { username } } } }"#;
    let plain = stack.post(json!({ "query": query }), &[]).await;
    assert!(plain.body.get("extensions").is_none(), "{:#}", plain.body);

    let answer = stack
        .post(json!({ "query": query }), &[("x-query-plan", "true")])
        .await;
    assert_eq!(answer.body["data"], plain.body["data"]);
    let plan = &answer.body["extensions"]["queryPlan"];
    let text = plan["text"].as_str().expect("text plan");
    assert!(text.starts_with("QueryPlan {"), "{text}");
    assert!(text.contains(r#"Fetch(service: "products")"#), "{text}");
    assert!(text.contains(r#"Fetch(service: "reviews")"#), "{text}");
    // `username` is provided by reviews along `author`: no jump to users.
    assert!(!text.contains(r#"service: "users""#), "{text}");
    assert_eq!(plan["object"]["node"]["kind"], "Sequence", "{plan:#}");
    assert_eq!(stack.state.plan_cache.len(), 1, "one plan, cached once");
}

#[tokio::test]
async fn plans_are_cached_by_normalized_operation() {
    let stack = Stack::start().await;
    stack
        .query(r#"{ product(id: "11") { name } }"#, json!({}))
        .await;
    // Same operation after normalization (a fragment instead of the field): same plan.
    stack
        .query(
            r#"{ product(id: "11") { ...N } } fragment N on Product { name }"#,
            json!({}),
        )
        .await;
    assert_eq!(stack.state.plan_cache.len(), 1);
    stack
        .query(r#"{ product(id: "11") { sku } }"#, json!({}))
        .await;
    assert_eq!(stack.state.plan_cache.len(), 2);
}

#[tokio::test]
async fn introspection_can_be_turned_off() {
    let stack = Stack::start_with(RouterConfig {
        introspection: false,
        ..RouterConfig::default()
    })
    .await;
    let answer = stack
        .post(
            json!({ "query": "{ __schema { queryType { name } } }" }),
            &[("accept", GRAPHQL_RESPONSE)],
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "INTROSPECTION_DISABLED"
    );
    // `__typename` stays allowed.
    let typename = stack.query("{ __typename }", json!({})).await;
    assert_eq!(typename, json!({ "data": { "__typename": "Query" } }));
}

#[tokio::test]
async fn the_signed_in_user_header_is_forwarded() {
    let stack = Stack::start().await;
    let answer = stack
        .post(
            json!({ "query": "{ me { id username } }" }),
            &[("x-user-id", "7")],
        )
        .await;
    assert_eq!(
        answer.body,
        json!({ "data": { "me": { "id": "7", "username": "ken.thompson7" } } })
    );
    let anonymous = stack.post(json!({ "query": "{ me { id } }" }), &[]).await;
    assert_eq!(anonymous.body, json!({ "data": { "me": null } }));
}

#[tokio::test]
async fn playground_health_and_other_methods() {
    let stack = Stack::start().await;
    let page = stack.http.get(stack.url("/")).send().await.expect("answer");
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.expect("text");
    assert!(html.contains("https://unpkg.com/graphiql@3"), "{html}");
    assert!(html.contains("'x-query-plan': 'true'"));

    let browser = stack
        .http
        .get(stack.url("/graphql"))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .send()
        .await
        .expect("answer");
    assert_eq!(browser.status(), 200);
    assert!(browser.text().await.expect("text").contains("GraphiQL"));

    let health = stack
        .http
        .get(stack.url("/health"))
        .send()
        .await
        .expect("answer");
    assert_eq!(health.status(), 200);

    let put = stack
        .http
        .put(stack.url("/graphql"))
        .send()
        .await
        .expect("answer");
    assert_eq!(put.status(), 405);
    assert_eq!(put.headers()["allow"], "GET, POST");
}

#[tokio::test]
async fn non_json_content_types_are_415() {
    let stack = Stack::start().await;
    let response = stack
        .http
        .post(stack.url("/graphql"))
        .header("content-type", "application/xml")
        .header("accept", GRAPHQL_RESPONSE)
        .body(r#"{"query":"{ __typename }"}"#)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 415);
}
