//! Authorization of `@authenticated` (`User.email`) and `@requiresScopes` (`User.orders` needs
//! `orders:read`) through real HTTP, with tokens verified against a real JWKS server.

mod e2e_support;
mod jwt_support;

use e2e_support::Stack;
use jwt_support::{JwksServer, bearer, claims, config_with, token, url_source};
use router_server::RouterConfig;
use serde_json::{Value, json};

const ORDERS: &str = r#"{ user(id: "1") { name orders { id } } topProducts(first: 1) { name } }"#;

async fn stack(edit: impl FnOnce(&mut RouterConfig)) -> (Stack, JwksServer) {
    let jwks = JwksServer::start("jwks.json").await;
    let mut config = config_with(vec![url_source(&jwks.url)]);
    edit(&mut config);
    (Stack::start_with(config).await, jwks)
}

fn with_scope(scope: &str) -> String {
    bearer(&token("rsa", "rsa-1", &claims(json!({ "scope": scope }))))
}

async fn ask(stack: &Stack, query: &str, authorization: Option<&str>) -> e2e_support::Answer {
    let headers: Vec<(&str, &str)> = authorization
        .map(|a| vec![("authorization", a)])
        .unwrap_or_default();
    stack.post(json!({ "query": query }), &headers).await
}

#[tokio::test]
async fn missing_scope_nulls_the_field_while_the_rest_of_the_query_returns_data() {
    let (stack, _jwks) = stack(|_| {}).await;
    let answer = ask(&stack, ORDERS, Some(&with_scope("profile"))).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    // `orders: [Order!]!` cannot be null: its null reaches `user`.
    assert_eq!(
        answer.body["data"]["user"],
        Value::Null,
        "{:#}",
        answer.body
    );
    assert!(answer.body["data"]["topProducts"][0]["name"].is_string());
    assert_eq!(
        answer.body["errors"],
        json!([{
            "message": "Unauthorized field or type",
            "path": ["user", "orders"],
            "extensions": { "code": "UNAUTHORIZED_FIELD_OR_TYPE" }
        }])
    );
}

#[tokio::test]
async fn granted_scope_reads_the_field() {
    let (stack, _jwks) = stack(|_| {}).await;
    for scope in [json!("profile orders:read"), json!(["orders:read"])] {
        let token = bearer(&token("rsa", "rsa-1", &claims(json!({ "scope": scope }))));
        let answer = ask(&stack, ORDERS, Some(&token)).await;
        assert!(answer.body.get("errors").is_none(), "{:#}", answer.body);
        assert!(
            answer.body["data"]["user"]["orders"].is_array(),
            "{:#}",
            answer.body
        );
    }
}

#[tokio::test]
async fn unauthorized_fields_in_fragments_and_lists_get_one_error_per_path() {
    let (stack, _jwks) = stack(|_| {}).await;
    let query =
        r#"{ users(first: 2) { nodes { ...Contact } } } fragment Contact on User { name email }"#;
    let answer = ask(&stack, query, None).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    let paths: Vec<&Value> = answer.body["errors"]
        .as_array()
        .map(|errors| errors.iter().map(|e| &e["path"]).collect())
        .unwrap_or_default();
    assert_eq!(
        paths,
        [
            &json!(["users", "nodes", 0, "email"]),
            &json!(["users", "nodes", 1, "email"])
        ],
        "{:#}",
        answer.body
    );
}

/// Oracle finding F4: with `email` removed, the conditional fragment selects nothing of its
/// own; the subgraph still gets valid GraphQL (`__typename` in it), so the answer is the
/// unauthorized errors at each path, not one pathless `DOWNSTREAM_SERVICE_ERROR`.
#[tokio::test]
async fn a_conditional_fragment_left_empty_by_authorization_still_answers_per_path() {
    let (stack, _jwks) = stack(|_| {}).await;
    let query = r#"query($b: Boolean!) {
        users(first: 2) { nodes { id ... on User @include(if: $b) { email } } }
    }"#;
    let answer = stack
        .post(json!({ "query": query, "variables": { "b": true } }), &[])
        .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    let errors: Vec<(&Value, &Value)> = answer.body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| (&e["path"], &e["extensions"]["code"]))
                .collect()
        })
        .unwrap_or_default();
    let code = json!("UNAUTHORIZED_FIELD_OR_TYPE");
    assert_eq!(
        errors,
        [
            (&json!(["users", "nodes", 0, "email"]), &code),
            (&json!(["users", "nodes", 1, "email"]), &code)
        ],
        "{:#}",
        answer.body
    );
}

#[tokio::test]
async fn reject_mode_refuses_the_whole_request() {
    let (stack, _jwks) = stack(|c| c.authorization.reject_unauthorized = true).await;
    let token = with_scope("profile");
    let answer = stack
        .post(
            json!({ "query": ORDERS }),
            &[
                ("authorization", &token),
                ("accept", "application/graphql-response+json"),
            ],
        )
        .await;
    // 403 for `application/graphql-response+json`; `application/json` clients get 200.
    assert_eq!(answer.status, 403, "{:#}", answer.body);
    assert!(answer.body.get("data").is_none(), "{:#}", answer.body);
    assert_eq!(answer.body["errors"][0]["path"], json!(["user", "orders"]));
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "UNAUTHORIZED_FIELD_OR_TYPE"
    );
    // Nothing unauthorized: answered as usual.
    let fine = ask(&stack, ORDERS, Some(&with_scope("orders:read"))).await;
    assert_eq!(fine.status, 200, "{:#}", fine.body);
}

#[tokio::test]
async fn require_authentication_refuses_anonymous_requests() {
    let (stack, _jwks) = stack(|c| c.authorization.require_authentication = true).await;
    let answer = ask(&stack, "{ topProducts(first: 1) { name } }", None).await;
    assert_eq!(answer.status, 401, "{:#}", answer.body);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
    let signed_in = ask(
        &stack,
        "{ topProducts(first: 1) { name } }",
        Some(&with_scope("")),
    )
    .await;
    assert_eq!(signed_in.status, 200, "{:#}", signed_in.body);
}

#[tokio::test]
async fn requests_with_the_same_rights_share_a_plan() {
    let (stack, _jwks) = stack(|_| {}).await;
    let alice = bearer(&token(
        "rsa",
        "rsa-1",
        &claims(json!({ "sub": "1", "scope": "a" })),
    ));
    let bob = bearer(&token(
        "rsa",
        "rsa-1",
        &claims(json!({ "sub": "2", "scope": "b" })),
    ));
    ask(&stack, ORDERS, Some(&alice)).await;
    ask(&stack, ORDERS, Some(&bob)).await;
    assert_eq!(
        stack.state.plan_cache.len(),
        1,
        "same filtered operation, one plan"
    );
    ask(&stack, ORDERS, Some(&with_scope("orders:read"))).await;
    assert_eq!(
        stack.state.plan_cache.len(),
        2,
        "other rights, another plan"
    );
}

#[tokio::test]
async fn policy_rule_over_claims_decides_a_policy_field() {
    let jwks = JwksServer::start("jwks.json").await;
    let mut config = config_with(vec![url_source(&jwks.url)]);
    config.authorization.policies =
        serde_norway::from_str("staff: { claim: groups, contains: staff }").expect("policies");
    // The orders field guarded by `@policy(policies: [["staff"]])` instead of a scope.
    let stack = Stack::start_with_supergraph_edit(config, |sdl| {
        sdl.replace(
            r#"@requiresScopes(scopes: [["orders:read"]])"#,
            r#"@policy(policies: [["staff"]])"#,
        )
        .replace(
            "@link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)",
            "@link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)\n  @link(url: \"https://specs.apollo.dev/policy/v0.1\", for: SECURITY)",
        )
        .replace(
            "scalar requiresScopes__Scope",
            "scalar requiresScopes__Scope\n\nscalar policy__Policy\n\ndirective @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM",
        )
    })
    .await;
    let staff = bearer(&token(
        "rsa",
        "rsa-1",
        &claims(json!({ "groups": ["staff"] })),
    ));
    let answer = ask(&stack, ORDERS, Some(&staff)).await;
    assert!(
        answer.body["data"]["user"]["orders"].is_array(),
        "{:#}",
        answer.body
    );
    let customer = bearer(&token(
        "rsa",
        "rsa-1",
        &claims(json!({ "groups": ["customers"] })),
    ));
    let answer = ask(&stack, ORDERS, Some(&customer)).await;
    assert_eq!(
        answer.body["errors"][0]["path"],
        json!(["user", "orders"]),
        "{:#}",
        answer.body
    );
}
