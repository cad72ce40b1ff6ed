//! `limits:` over real HTTP: each operation limit refuses an operation over it with HTTP 400
//! and its own `extensions.code`, before any subgraph is called; the body limit is a 413.

mod e2e_support;

use e2e_support::{Answer, Stack, shop_config};
use router_server::RouterConfig;
use serde_json::json;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// Small limits, from YAML as an operator writes them.
const LIMITS: &str = "
limits:
  max_body_bytes: 4096
  max_tokens: 200
  max_depth: 4
  max_height: 12
  max_aliases: 2
  max_root_fields: 3
";

/// Depth 4, height 5, no aliases, 1 root field, about 20 tokens.
const WITHIN: &str = r#"{ product(id: "16") { name reviews { author { username } } } }"#;

async fn stack() -> Stack {
    let mut config = RouterConfig::from_yaml(LIMITS, "test").expect("valid limits");
    config.headers = shop_config().headers;
    Stack::start_with(config).await
}

async fn post(stack: &Stack, query: &str) -> Answer {
    stack
        .post(json!({ "query": query }), &[("accept", GRAPHQL_RESPONSE)])
        .await
}

/// The single error of a refused request, after checking the status and that there is no data.
async fn refused(query: &str, code: &str) -> String {
    let stack = stack().await;
    let answer = post(&stack, query).await;
    assert_eq!(answer.status, 400, "{:#}", answer.body);
    assert!(answer.body.get("data").is_none(), "{:#}", answer.body);
    let errors = answer.body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{:#}", answer.body);
    assert_eq!(errors[0]["extensions"]["code"], code, "{:#}", answer.body);
    errors[0]["message"].as_str().expect("message").to_owned()
}

#[tokio::test]
async fn an_operation_within_every_limit_runs() {
    let stack = stack().await;
    let answer = post(&stack, WITHIN).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert!(answer.body.get("errors").is_none(), "{:#}", answer.body);
    assert!(answer.body["data"]["product"]["reviews"].is_array());
}

#[tokio::test]
async fn too_deep_is_max_depth_limit_exceeded() {
    let query = r#"{ product(id: "16") { reviews { author { reviews { id } } } } }"#;
    let message = refused(query, "MAX_DEPTH_LIMIT_EXCEEDED").await;
    assert_eq!(message, "depth limit exceeded: 5 > 4");
}

#[tokio::test]
async fn too_many_fields_is_max_height_limit_exceeded() {
    let query = r#"{ product(id: "16") {
        id name sku price weight category description
        reviews { id body rating author { username } }
    } }"#;
    let message = refused(query, "MAX_HEIGHT_LIMIT_EXCEEDED").await;
    assert_eq!(message, "height limit exceeded: 14 > 12");
}

#[tokio::test]
async fn too_many_aliases_is_max_aliases_limit_exceeded() {
    let query =
        r#"{ a: product(id: "1") { id } b: product(id: "2") { id } c: product(id: "3") { id } }"#;
    let message = refused(query, "MAX_ALIASES_LIMIT_EXCEEDED").await;
    assert_eq!(message, "aliases limit exceeded: 3 > 2");
}

#[tokio::test]
async fn too_many_root_fields_is_max_root_fields_limit_exceeded() {
    let query = r#"{ product(id: "1") { id } topProducts { id } latestReviews { id } users { totalCount } }"#;
    let message = refused(query, "MAX_ROOT_FIELDS_LIMIT_EXCEEDED").await;
    assert_eq!(message, "root fields limit exceeded: 4 > 3");
}

#[tokio::test]
async fn too_many_tokens_is_max_tokens_limit_exceeded() {
    let query = format!(r#"{{ product(id: "16") {{ {} }} }}"#, "id ".repeat(300));
    let message = refused(&query, "MAX_TOKENS_LIMIT_EXCEEDED").await;
    assert!(message.starts_with("tokens limit exceeded: "), "{message}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_payload_too_large() {
    let stack = stack().await;
    let query = format!("{{ __typename {} }}", " ".repeat(5000));
    let answer = post(&stack, &query).await;
    assert_eq!(answer.status, 413, "{:#}", answer.body);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "PAYLOAD_TOO_LARGE"
    );
}

/// 150 aliases of one field: one subgraph fetch asking for the same value 150 times.
fn alias_flood() -> String {
    let aliases: String = (0..150).map(|i| format!("a{i}: id ")).collect();
    format!(r#"{{ product(id: "16") {{ {aliases} }} }}"#)
}

#[tokio::test]
async fn a_limit_set_to_null_is_off() {
    let yaml = "limits:\n  max_aliases: null\n";
    let mut config = RouterConfig::from_yaml(yaml, "test").expect("valid limits");
    config.headers = shop_config().headers;
    let stack = Stack::start_with(config).await;
    let answer = post(&stack, &alias_flood()).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert_eq!(answer.body["data"]["product"]["a149"], "16");
}

#[tokio::test]
async fn the_default_limits_refuse_an_alias_flood() {
    let stack = Stack::start().await;
    let answer = post(&stack, &alias_flood()).await;
    assert_eq!(answer.status, 400, "{:#}", answer.body);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "MAX_ALIASES_LIMIT_EXCEEDED"
    );
}
