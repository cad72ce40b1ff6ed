//! CSRF prevention through real HTTP: what a cross-site page can make a browser send without a
//! preflight is refused; JSON POSTs and GETs with a preflight header run.

mod e2e_support;

use e2e_support::Stack;
use router_server::RouterConfig;
use serde_json::{Value, json};

const CLEAR_CART: &str = r#"{"query":"mutation { clearCart { id } }"}"#;

async fn cart_quantity(stack: &Stack) -> Value {
    stack
        .query("{ me { cart { totalQuantity } } }", json!({}))
        .await["data"]["me"]["cart"]["totalQuantity"]
        .clone()
}

fn assert_blocked(answer: &e2e_support::Answer) {
    assert_eq!(answer.status, 400, "{:#}", answer.body);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "CSRF_PREVENTION"
    );
    let message = answer.body["errors"][0]["message"]
        .as_str()
        .expect("message");
    assert!(
        message.contains("application/json") && message.contains("apollo-require-preflight"),
        "the message says what to send: {message}"
    );
    assert!(answer.body.get("data").is_none());
}

#[tokio::test]
async fn forged_simple_posts_are_blocked_and_run_nothing() {
    let stack = Stack::start().await;
    assert_eq!(cart_quantity(&stack).await, 5);
    for content_type in [
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        // fetch() with a Blob body sends no content type, unpreflighted.
        None,
    ] {
        let mut request = stack
            .http
            .post(stack.url("/graphql"))
            .header("x-user-id", "1")
            .header("origin", "https://evil.example.net")
            .body(CLEAR_CART);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let answer = Stack::answer(request).await;
        assert_blocked(&answer);
    }
    assert_eq!(cart_quantity(&stack).await, 5, "the cart was not cleared");
}

#[tokio::test]
async fn a_plain_get_is_blocked_and_one_with_a_preflight_header_runs() {
    let stack = Stack::start().await;
    let plain = Stack::answer(
        stack
            .http
            .get(stack.url("/graphql"))
            .query(&[("query", "{ __typename }")]),
    )
    .await;
    assert_blocked(&plain);
    for header in ["apollo-require-preflight", "x-apollo-operation-name"] {
        let answer = Stack::answer(
            stack
                .http
                .get(stack.url("/graphql"))
                .query(&[("query", "{ __typename }")])
                .header(header, "true"),
        )
        .await;
        assert_eq!(answer.status, 200, "{header}: {:#}", answer.body);
        assert_eq!(answer.body, json!({ "data": { "__typename": "Query" } }));
    }
}

#[tokio::test]
async fn json_posts_and_the_playground_page_pass() {
    let stack = Stack::start().await;
    let answer = stack.post(json!({ "query": "{ __typename }" }), &[]).await;
    assert_eq!(answer.body, json!({ "data": { "__typename": "Query" } }));
    // A browser opening /graphql gets the page, not a CSRF error.
    let page = stack
        .http
        .get(stack.url("/graphql"))
        .header("accept", "text/html,*/*;q=0.8")
        .send()
        .await
        .expect("answer");
    assert_eq!(page.status(), 200);
    // A simple content type with a preflight header passes CSRF and is then refused as not JSON.
    let text = Stack::answer(
        stack
            .http
            .post(stack.url("/graphql"))
            .header("content-type", "text/plain")
            .header("apollo-require-preflight", "true")
            .body(r#"{"query":"{ __typename }"}"#),
    )
    .await;
    assert_eq!(text.status, 415);
}

#[tokio::test]
async fn custom_required_headers_and_disabling() {
    let mut config = RouterConfig::default();
    config.csrf.required_headers = vec!["x-requested-with".into()];
    let stack = Stack::start_with(config).await;
    let get = |header: &'static str| {
        Stack::answer(
            stack
                .http
                .get(stack.url("/graphql"))
                .query(&[("query", "{ __typename }")])
                .header(header, "1"),
        )
    };
    assert_eq!(get("x-requested-with").await.status, 200);
    assert_blocked_code(&get("apollo-require-preflight").await);

    let mut config = RouterConfig::default();
    config.csrf.enabled = false;
    let open = Stack::start_with(config).await;
    let answer = Stack::answer(
        open.http
            .get(open.url("/graphql"))
            .query(&[("query", "{ __typename }")]),
    )
    .await;
    assert_eq!(answer.status, 200);
    // With prevention off a body without a content type is still read as JSON.
    let untyped = Stack::answer(
        open.http
            .post(open.url("/graphql"))
            .body(r#"{"query":"{ __typename }"}"#),
    )
    .await;
    assert_eq!(untyped.body, json!({ "data": { "__typename": "Query" } }));
}

fn assert_blocked_code(answer: &e2e_support::Answer) {
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "CSRF_PREVENTION"
    );
}
