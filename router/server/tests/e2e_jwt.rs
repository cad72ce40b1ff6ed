//! JWT authentication through real HTTP: the router verifies tokens against JWK Sets served by a
//! real HTTP server (or read from a file), refuses bad tokens with 401, and treats requests
//! without a token as anonymous. `User.email` is `@authenticated` in the users subgraph.

mod e2e_support;
mod jwt_support;

use e2e_support::Stack;
use jwt_support::{JwksServer, bearer, claims, config_with, file_source, token, url_source};
use serde_json::{Value, json};

const EMAIL: &str = r#"{ user(id: "1") { name email } }"#;

async fn ask(stack: &Stack, query: &str, authorization: Option<&str>) -> e2e_support::Answer {
    let headers: Vec<(&str, &str)> = authorization
        .map(|a| vec![("authorization", a)])
        .unwrap_or_default();
    stack.post(json!({ "query": query }), &headers).await
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn valid_rs256_token_from_a_jwks_url_reads_authenticated_fields() {
    let jwks = JwksServer::start("jwks.json").await;
    let stack = Stack::start_with(config_with(vec![url_source(&jwks.url)])).await;
    let answer = ask(
        &stack,
        EMAIL,
        Some(&bearer(&token("rsa", "rsa-1", &claims(json!({}))))),
    )
    .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert!(answer.body.get("errors").is_none(), "{:#}", answer.body);
    assert!(
        answer.body["data"]["user"]["email"].is_string(),
        "{:#}",
        answer.body
    );
}

#[tokio::test]
async fn valid_es256_token_from_a_jwks_file_is_accepted() {
    let stack = Stack::start_with(config_with(vec![file_source("jwks.json")])).await;
    let answer = ask(
        &stack,
        EMAIL,
        Some(&bearer(&token("ec", "ec-1", &claims(json!({}))))),
    )
    .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert!(
        answer.body["data"]["user"]["email"].is_string(),
        "{:#}",
        answer.body
    );
}

#[tokio::test]
async fn valid_hs256_token_from_an_oct_key_is_accepted() {
    let stack = Stack::start_with(config_with(vec![file_source("jwks_hs256.json")])).await;
    let answer = ask(
        &stack,
        EMAIL,
        Some(&bearer(&token("hs256", "hs-1", &claims(json!({}))))),
    )
    .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert!(
        answer.body["data"]["user"]["email"].is_string(),
        "{:#}",
        answer.body
    );
}

#[tokio::test]
async fn rejects_expired_jwt() {
    let jwks = JwksServer::start("jwks.json").await;
    let stack = Stack::start_with(config_with(vec![url_source(&jwks.url)])).await;
    let expired = claims(json!({ "exp": jwt_support::now() - 3600 }));
    let answer = ask(
        &stack,
        EMAIL,
        Some(&bearer(&token("rsa", "rsa-1", &expired))),
    )
    .await;
    assert_eq!(answer.status, 401, "{:#}", answer.body);
    assert_eq!(code(&answer.body), "UNAUTHENTICATED");
    assert!(answer.body.get("data").is_none());
    assert_eq!(
        answer.body["errors"][0]["message"],
        "invalid token: the token has expired"
    );
}

#[tokio::test]
async fn rejects_jwt_with_wrong_signature() {
    let jwks = JwksServer::start("jwks.json").await;
    let stack = Stack::start_with(config_with(vec![url_source(&jwks.url)])).await;
    // Signed by another key under the kid of a known one.
    let forged = token("rsa_rotated", "rsa-1", &claims(json!({})));
    let answer = ask(&stack, EMAIL, Some(&bearer(&forged))).await;
    assert_eq!(answer.status, 401, "{:#}", answer.body);
    assert_eq!(code(&answer.body), "UNAUTHENTICATED");
    assert_eq!(
        answer.body["errors"][0]["message"],
        "invalid token: the token's signature does not verify"
    );
}

#[tokio::test]
async fn rejects_wrong_issuer_wrong_audience_and_malformed_tokens() {
    let jwks = JwksServer::start("jwks.json").await;
    let stack = Stack::start_with(config_with(vec![url_source(&jwks.url)])).await;
    let cases = [
        bearer(&token(
            "rsa",
            "rsa-1",
            &claims(json!({ "iss": "https://evil.test" })),
        )),
        bearer(&token(
            "rsa",
            "rsa-1",
            &claims(json!({ "aud": "another-api" })),
        )),
        bearer("not.a.jwt"),
        "Basic dXNlcjpwYXNz".to_owned(),
    ];
    let mut messages = Vec::new();
    for authorization in &cases {
        let answer = ask(&stack, EMAIL, Some(authorization)).await;
        assert_eq!(answer.status, 401, "{:#}", answer.body);
        assert_eq!(code(&answer.body), "UNAUTHENTICATED");
        messages.push(
            answer.body["errors"][0]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    assert_eq!(
        messages,
        [
            "invalid token: the token's issuer is not accepted",
            "invalid token: the token's audience is not accepted",
            "invalid token: the token is not a well-formed JWT",
            "invalid token: the authorization header must be \"Bearer <token>\"",
        ]
    );
}

#[tokio::test]
async fn missing_token_is_anonymous_and_authenticated_fields_are_null() {
    let jwks = JwksServer::start("jwks.json").await;
    let stack = Stack::start_with(config_with(vec![url_source(&jwks.url)])).await;
    let answer = ask(
        &stack,
        r#"{ user(id: "1") { email } topProducts(first: 1) { name } }"#,
        None,
    )
    .await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    // `email: String!` is null, so `user` is.
    assert_eq!(answer.body["data"]["user"], Value::Null);
    assert!(answer.body["data"]["topProducts"][0]["name"].is_string());
    assert_eq!(code(&answer.body), "UNAUTHORIZED_FIELD_OR_TYPE");
    assert_eq!(answer.body["errors"][0]["path"], json!(["user", "email"]));
}

#[tokio::test]
async fn unknown_kid_makes_the_router_read_the_jwks_again() {
    let jwks = JwksServer::start("jwks.json").await;
    let stack = Stack::start_with(config_with(vec![url_source(&jwks.url)])).await;
    let first = ask(
        &stack,
        EMAIL,
        Some(&bearer(&token("rsa", "rsa-1", &claims(json!({}))))),
    )
    .await;
    assert_eq!(first.status, 200, "{:#}", first.body);
    let before = jwks.fetches();
    // The issuer rotates: a new key appears in its set.
    jwks.serve("jwks_rotated.json");
    let rotated = token("rsa_rotated", "rsa-2", &claims(json!({})));
    let answer = ask(&stack, EMAIL, Some(&bearer(&rotated))).await;
    assert_eq!(answer.status, 200, "{:#}", answer.body);
    assert!(
        answer.body["data"]["user"]["email"].is_string(),
        "{:#}",
        answer.body
    );
    assert!(jwks.fetches() > before, "the set was read again");
    // A kid nobody publishes stays refused.
    let unknown = token("rsa_rotated", "rsa-9", &claims(json!({})));
    let answer = ask(&stack, EMAIL, Some(&bearer(&unknown))).await;
    assert_eq!(answer.status, 401, "{:#}", answer.body);
}

#[tokio::test]
async fn claim_is_inserted_as_a_subgraph_header() {
    let jwks = JwksServer::start("jwks.json").await;
    let mut config = config_with(vec![url_source(&jwks.url)]);
    // Only the verified subject names the user: a client's own x-user-id is not propagated.
    config.headers = serde_norway::from_str(
        "users: { request: [ { insert: { name: x-user-id, from_claim: sub } } ] }",
    )
    .expect("header rules");
    let stack = Stack::start_with(config).await;
    let me = "{ me { id } }";
    let answer = stack
        .post(
            json!({ "query": me }),
            &[
                (
                    "authorization",
                    &bearer(&token("rsa", "rsa-1", &claims(json!({ "sub": "3" })))),
                ),
                ("x-user-id", "1"),
            ],
        )
        .await;
    assert_eq!(answer.body["data"]["me"]["id"], "3", "{:#}", answer.body);
    let anonymous = stack
        .post(json!({ "query": me }), &[("x-user-id", "1")])
        .await;
    assert_eq!(
        anonymous.body["data"]["me"],
        Value::Null,
        "{:#}",
        anonymous.body
    );
}

#[test]
fn unreadable_jwks_file_is_a_located_configuration_error() {
    let mut config = config_with(vec![file_source("jwks.json")]);
    if let Some(jwt) = &mut config.authentication.jwt {
        jwt.jwks.push(file_source("missing.json"));
    }
    let error =
        router_server::auth::check_config(&config.authentication).expect_err("missing file");
    let message = error.to_string();
    assert!(
        message.starts_with("invalid configuration: authentication.jwt.jwks[1].file: cannot read"),
        "{message}"
    );
}
