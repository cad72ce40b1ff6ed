//! The public `compose` API: determinism, input problems, diagnostics shape.

use composition::{SubgraphSdl, compose};

fn users() -> SubgraphSdl {
    SubgraphSdl::new(
        "users",
        "http://users/graphql",
        r#"extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { me: User }
type User @key(fields: "id") { id: ID! name: String }"#,
    )
}

fn reviews() -> SubgraphSdl {
    SubgraphSdl::new(
        "reviews",
        "http://reviews/graphql",
        r#"extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Review { body: String author: User }
type User @key(fields: "id") { id: ID! reviews: [Review] }"#,
    )
}

#[test]
fn output_does_not_depend_on_input_order() -> anyhow::Result<()> {
    let a = compose(&[users(), reviews()]).map_err(|d| anyhow::anyhow!(composition::render(&d)))?;
    let b = compose(&[reviews(), users()]).map_err(|d| anyhow::anyhow!(composition::render(&d)))?;
    assert_eq!(a.sdl, b.sdl);
    assert!(a.sdl.find("REVIEWS @join__graph") < a.sdl.find("USERS @join__graph"));
    Ok(())
}

#[test]
fn duplicate_subgraph_names_are_rejected() {
    let errors = compose(&[users(), users()]).expect_err("duplicate");
    assert_eq!(errors[0].code, "INVALID_SUBGRAPH_NAME");
}

#[test]
fn no_subgraphs_is_rejected() {
    let errors = compose(&[]).expect_err("empty");
    assert_eq!(errors[0].code, "NO_QUERIES");
}

#[test]
fn diagnostics_name_subgraphs_and_positions() {
    let bad = SubgraphSdl::new(
        "reviews",
        "http://reviews",
        "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\"])\n\ntype User @key(fields: \"uid\") {\n  id: ID!\n}\n",
    );
    let errors = compose(&[users(), bad]).expect_err("bad key");
    assert_eq!(errors.len(), 1);
    let error = &errors[0];
    assert_eq!(error.code, "KEY_INVALID_FIELDS");
    assert_eq!(error.subgraphs(), vec!["reviews"]);
    assert_eq!(
        (error.locations[0].line, error.locations[0].column),
        (3, 11)
    );
    assert!(
        error
            .to_string()
            .starts_with("error[KEY_INVALID_FIELDS]: [reviews] On type \"User\"")
    );
}

#[test]
fn graph_enum_names_are_sanitized_and_unique() -> anyhow::Result<()> {
    let sdl = |field: &str| {
        format!(
            "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\"])\ntype Query {{ {field}: Int }}"
        )
    };
    let supergraph = compose(&[
        SubgraphSdl::new("my-service", "http://a", sdl("a")),
        SubgraphSdl::new("my_service", "http://b", sdl("b")),
        SubgraphSdl::new("1st", "http://c", sdl("c")),
    ])
    .map_err(|d| anyhow::anyhow!(composition::render(&d)))?;
    assert!(
        supergraph.sdl.contains("_1ST @join__graph(name: \"1st\""),
        "{}",
        supergraph.sdl
    );
    assert!(
        supergraph
            .sdl
            .contains("MY_SERVICE @join__graph(name: \"my-service\"")
    );
    assert!(
        supergraph
            .sdl
            .contains("MY_SERVICE_1 @join__graph(name: \"my_service\"")
    );
    Ok(())
}
