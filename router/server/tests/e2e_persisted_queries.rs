//! Persisted queries through real HTTP: automatic persisted queries (miss, register, hit, over
//! POST and GET, hash mismatch, kept across reloads) and the safelist (listed ids and text run,
//! anything else is refused; `require_id`; `log_unknown`; manifest errors and reloads).

mod e2e_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use e2e_support::{Answer, Stack, shop_config};
use router_server::RouterConfig;
use router_server::RouterState;
use router_server::persisted::sha256_hex;
use serde_json::{Value, json};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const PRODUCT: &str = r#"query Product { product(id: "11") { name } }"#;
const LISTED: &str = r#"query Listed { product(id: "11") { name } }"#;

fn product_data() -> Value {
    json!({ "data": { "product": { "name": "Portable Matte-Black Camera" } } })
}

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

fn code(answer: &Answer) -> &str {
    answer.body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("an error code: {:#}", answer.body))
}

#[tokio::test]
async fn apq_misses_then_registers_then_hits_over_post() {
    let stack = Stack::start().await;
    let hash = sha256_hex(PRODUCT);
    for accept in [GRAPHQL_RESPONSE, "application/json"] {
        let miss = stack
            .post(
                json!({ "extensions": persisted(&hash) }),
                &[("accept", accept)],
            )
            .await;
        assert_eq!(miss.status, 200, "APQ convention: 200 for {accept}");
        assert_eq!(code(&miss), "PERSISTED_QUERY_NOT_FOUND");
    }
    let register = stack
        .post(
            json!({ "query": PRODUCT, "extensions": persisted(&hash) }),
            &[],
        )
        .await;
    assert_eq!(register.body, product_data());
    let hit = stack
        .post(json!({ "extensions": persisted(&hash) }), &[])
        .await;
    assert_eq!(hit.status, 200);
    assert_eq!(hit.body, product_data());
    let apq = stack
        .state
        .persisted
        .apq
        .as_ref()
        .expect("APQ is on by default");
    assert_eq!(apq.len(), 1);
}

#[tokio::test]
async fn apq_works_over_get() {
    let stack = Stack::start().await;
    let hash = sha256_hex(PRODUCT);
    let extensions = persisted(&hash).to_string();
    let miss = stack
        .get(&[("extensions", extensions.as_str())], "application/json")
        .await;
    assert_eq!(miss.status, 200);
    assert_eq!(code(&miss), "PERSISTED_QUERY_NOT_FOUND");
    let register = stack
        .get(
            &[("query", PRODUCT), ("extensions", extensions.as_str())],
            "application/json",
        )
        .await;
    assert_eq!(register.body, product_data());
    let hit = stack
        .get(&[("extensions", extensions.as_str())], "application/json")
        .await;
    assert_eq!(hit.body, product_data());
}

#[tokio::test]
async fn a_hash_that_is_not_the_querys_is_refused_and_nothing_is_registered() {
    let stack = Stack::start().await;
    let wrong = sha256_hex("{ __typename }");
    let answer = stack
        .post(
            json!({ "query": PRODUCT, "extensions": persisted(&wrong) }),
            &[("accept", "application/json")],
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(code(&answer), "PERSISTED_QUERY_HASH_MISMATCH");
    let miss = stack
        .post(json!({ "extensions": persisted(&wrong) }), &[])
        .await;
    assert_eq!(code(&miss), "PERSISTED_QUERY_NOT_FOUND");
}

#[tokio::test]
async fn an_invalid_query_is_not_registered() {
    let stack = Stack::start().await;
    let invalid = "{ product(id: \"11\") { nope } }";
    let hash = sha256_hex(invalid);
    let answer = stack
        .post(
            json!({ "query": invalid, "extensions": persisted(&hash) }),
            &[],
        )
        .await;
    assert_eq!(code(&answer), "GRAPHQL_VALIDATION_FAILED");
    let miss = stack
        .post(json!({ "extensions": persisted(&hash) }), &[])
        .await;
    assert_eq!(code(&miss), "PERSISTED_QUERY_NOT_FOUND");
}

#[tokio::test]
async fn registered_queries_survive_a_reload() {
    let stack = Stack::start().await;
    let hash = sha256_hex(PRODUCT);
    stack
        .post(
            json!({ "query": PRODUCT, "extensions": persisted(&hash) }),
            &[],
        )
        .await;
    let reloaded = RouterState::new((*stack.state.supergraph).clone(), Arc::new(shop_config()))
        .expect("state");
    stack.app.replace(reloaded);
    let hit = stack
        .post(json!({ "extensions": persisted(&hash) }), &[])
        .await;
    assert_eq!(hit.body, product_data());
}

#[tokio::test]
async fn with_apq_off_a_hash_alone_is_not_supported() {
    let mut config = shop_config();
    config.persisted_queries.apq.enabled = false;
    let stack = Stack::start_with(config).await;
    let hash = sha256_hex(PRODUCT);
    let answer = stack
        .post(json!({ "extensions": persisted(&hash) }), &[])
        .await;
    assert_eq!(code(&answer), "PERSISTED_QUERY_NOT_SUPPORTED");
    let with_text = stack
        .post(
            json!({ "query": PRODUCT, "extensions": persisted(&hash) }),
            &[],
        )
        .await;
    assert_eq!(with_text.body, product_data());
}

/// An Apollo manifest listing LISTED under its SHA-256 and a plain map listing `{ __typename }`
/// under `typename`.
fn manifests(dir: &Path) -> Vec<PathBuf> {
    let apollo = dir.join("apollo.json");
    std::fs::write(
        &apollo,
        json!({
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [
                { "id": sha256_hex(LISTED), "name": "Listed", "type": "query", "body": LISTED }
            ]
        })
        .to_string(),
    )
    .expect("write");
    let plain = dir.join("relay.json");
    std::fs::write(&plain, r#"{ "typename": "{ __typename }" }"#).expect("write");
    vec![apollo, plain]
}

fn safelist_config(dir: &Path) -> RouterConfig {
    let mut config = shop_config();
    config.persisted_queries.safelist.enabled = true;
    config.persisted_queries.safelist.manifests = manifests(dir);
    config
}

#[tokio::test]
async fn the_safelist_runs_listed_ids_and_text_and_refuses_the_rest() {
    let dir = tempfile::tempdir().expect("dir");
    let stack = Stack::start_with(safelist_config(dir.path())).await;
    let by_hash = stack
        .post(json!({ "extensions": persisted(&sha256_hex(LISTED)) }), &[])
        .await;
    assert_eq!(by_hash.body, product_data());
    let by_document_id = stack.post(json!({ "documentId": "typename" }), &[]).await;
    assert_eq!(
        by_document_id.body,
        json!({ "data": { "__typename": "Query" } })
    );
    let by_get = stack
        .get(&[("documentId", "typename")], "application/json")
        .await;
    assert_eq!(by_get.body, json!({ "data": { "__typename": "Query" } }));
    let listed_text = stack.post(json!({ "query": LISTED }), &[]).await;
    assert_eq!(listed_text.body, product_data());

    let unlisted = stack
        .post(
            json!({ "query": PRODUCT }),
            &[("accept", "application/json")],
        )
        .await;
    assert_eq!(unlisted.status, 400);
    assert_eq!(code(&unlisted), "PERSISTED_QUERY_NOT_IN_LIST");
    assert!(unlisted.body.get("data").is_none());
    // Registering through APQ does not get around the list.
    let registering = stack
        .post(
            json!({ "query": PRODUCT, "extensions": persisted(&sha256_hex(PRODUCT)) }),
            &[],
        )
        .await;
    assert_eq!(code(&registering), "PERSISTED_QUERY_NOT_IN_LIST");
    let unknown_id = stack.post(json!({ "documentId": "nope" }), &[]).await;
    assert_eq!(code(&unknown_id), "PERSISTED_QUERY_NOT_FOUND");
}

#[tokio::test]
async fn require_id_refuses_even_listed_text() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = safelist_config(dir.path());
    config.persisted_queries.safelist.require_id = true;
    let stack = Stack::start_with(config).await;
    let text = stack.post(json!({ "query": LISTED }), &[]).await;
    assert_eq!(text.status, 400);
    assert_eq!(code(&text), "PERSISTED_QUERY_ID_REQUIRED");
    let id = stack.post(json!({ "id": "typename" }), &[]).await;
    assert_eq!(id.body, json!({ "data": { "__typename": "Query" } }));
}

#[tokio::test]
async fn log_unknown_runs_what_the_list_would_refuse() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = safelist_config(dir.path());
    config.persisted_queries.safelist.log_unknown = true;
    let stack = Stack::start_with(config).await;
    let unlisted = stack.post(json!({ "query": PRODUCT }), &[]).await;
    assert_eq!(unlisted.body, product_data());
}

#[tokio::test]
async fn manifest_errors_are_located_and_a_reload_reads_the_manifests_again() {
    let dir = tempfile::tempdir().expect("dir");
    let stack = Stack::start_with(safelist_config(dir.path())).await;
    let supergraph = (*stack.state.supergraph).clone();
    let relay = dir.path().join("relay.json");

    std::fs::write(&relay, "{\n  \"typename\": \"{ __typename }\",\n}").expect("write");
    let error = RouterState::new(
        supergraph.clone(),
        Arc::new(safelist_config_keeping(&relay)),
    )
    .expect_err("a trailing comma");
    let message = error.to_string();
    assert!(
        message.contains("relay.json") && message.contains("line 3 column 1"),
        "{message}"
    );

    std::fs::write(
        &relay,
        r#"{ "product": "query Listed { product(id: \"11\") { name } }" }"#,
    )
    .expect("write");
    let reloaded =
        RouterState::new(supergraph, Arc::new(safelist_config_keeping(&relay))).expect("state");
    stack.app.replace(reloaded);
    let new_id = stack.post(json!({ "documentId": "product" }), &[]).await;
    assert_eq!(new_id.body, product_data());
    let old_id = stack.post(json!({ "documentId": "typename" }), &[]).await;
    assert_eq!(code(&old_id), "PERSISTED_QUERY_NOT_FOUND");
}

fn safelist_config_keeping(manifest: &Path) -> RouterConfig {
    let mut config = shop_config();
    config.persisted_queries.safelist.enabled = true;
    config.persisted_queries.safelist.manifests = vec![manifest.to_owned()];
    config
}
