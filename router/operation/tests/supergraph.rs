//! Against an API schema derived by the `supergraph` crate: federation machinery must be
//! invisible to clients, and client tooling's queries must pass.

use operation::{Compiler, Config};
use serde_json::json;
use std::sync::Arc;

fn compiler_for(path: &str) -> anyhow::Result<Compiler> {
    let sdl = std::fs::read_to_string(path)?;
    let supergraph = supergraph::Supergraph::parse(&sdl, path)?;
    Ok(Compiler::new(
        Arc::new(supergraph.api_schema),
        Config::default(),
    ))
}

fn fixture() -> anyhow::Result<Compiler> {
    compiler_for(concat!(
        env!("CARGO_MANIFEST_DIR"),
        // The supergraph crate's join v0.5 fixture: one copy, shared.
        "/../supergraph/tests/fixtures/v05.graphql"
    ))
}

fn type_names(compiler: &Compiler) -> anyhow::Result<Vec<String>> {
    let prepared = compiler.compile(
        include_str!("fixtures/introspection_query.graphql"),
        None,
        &serde_json::Map::new(),
    )?;
    let response = compiler.introspect(&prepared)?;
    anyhow::ensure!(response.errors.is_empty(), "{:?}", response.errors);
    Ok(response.data["__schema"]["types"]
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("no types"))?
        .iter()
        .filter_map(|t| t["name"].as_str().map(str::to_owned))
        .collect())
}

fn assert_no_federation_machinery(compiler: &Compiler) -> anyhow::Result<()> {
    let names = type_names(compiler)?;
    let leaked: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.starts_with("join__")
                || n.starts_with("link__")
                || matches!(n.as_str(), "_Entity" | "_Service" | "_Any" | "FieldSet")
        })
        .collect();
    assert!(leaked.is_empty(), "federation types visible: {leaked:?}");
    assert!(names.iter().any(|n| n == "Query"));
    for query in [
        "{ _entities(representations: []) { __typename } }",
        "{ _service { sdl } }",
    ] {
        let e = compiler
            .parse(query, None)
            .expect_err("not in the API schema");
        assert_eq!(e.code(), "GRAPHQL_VALIDATION_FAILED", "{query}");
    }
    Ok(())
}

#[test]
fn fixture_api_schema_hides_federation_machinery() -> anyhow::Result<()> {
    assert_no_federation_machinery(&fixture()?)
}

#[test]
fn fixture_api_schema_runs_a_shop_query() -> anyhow::Result<()> {
    let compiler = fixture()?;
    let prepared = compiler.compile(
        "query($n: Int) { topProducts(first: $n) { ...P } me { username reviews { body product { ...P } } } }
         fragment P on Product { upc name price }",
        None,
        &serde_json::Map::from_iter([("n".to_owned(), json!(3))]),
    )?;
    insta::assert_snapshot!(prepared.normalized().to_string());
    Ok(())
}

#[test]
fn checked_in_supergraph_hides_federation_machinery() -> anyhow::Result<()> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/supergraph.graphql"
    );
    if !std::path::Path::new(path).exists() {
        println!("skipped: schema/supergraph.graphql is not composed yet");
        return Ok(());
    }
    assert_no_federation_machinery(&compiler_for(path)?)
}
