//! rover `supergraph.yaml` parsing and loading (files and live `_service { sdl }`).

use async_graphql::{EmptyMutation, EmptySubscription, ID, Object, Schema, SimpleObject};
use async_graphql_axum::GraphQL;
use composition::config::{ConfigError, SchemaSource, SupergraphConfig};
use composition::fetch::{FetchError, fetch_subgraph_sdl};
use composition::{ComposeError, compose, compose_from_config};

#[derive(SimpleObject)]
#[graphql(complex)]
struct User {
    id: ID,
    name: String,
}

#[async_graphql::ComplexObject]
impl User {}

struct Query;

#[Object]
impl Query {
    async fn me(&self) -> User {
        User {
            id: ID::from("1"),
            name: "Ada".to_string(),
        }
    }

    #[graphql(entity)]
    async fn find_user_by_id(&self, id: ID) -> User {
        User {
            name: format!("user {}", id.as_str()),
            id,
        }
    }
}

/// A real async-graphql federation subgraph on 127.0.0.1:0; returns its URL.
async fn start_users_subgraph() -> anyhow::Result<String> {
    let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish();
    let app = axum::Router::new().route(
        "/graphql",
        axum::routing::post_service(GraphQL::new(schema)),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(format!("http://{address}/graphql"))
}

#[test]
fn config_with_files_and_urls_is_parsed() -> anyhow::Result<()> {
    let config = SupergraphConfig::parse(
        r#"
federation_version: =2.3.2
subgraphs:
  users:
    routing_url: http://localhost:4001/graphql
    schema:
      file: ./users.graphql
  products:
    schema:
      subgraph_url: http://localhost:4002/graphql
"#,
    )?;
    assert_eq!(config.federation_version.as_deref(), Some("=2.3.2"));
    assert_eq!(config.subgraphs.len(), 2);
    assert_eq!(
        config.subgraphs["users"].schema,
        SchemaSource::File("./users.graphql".into())
    );
    assert_eq!(config.subgraphs["products"].routing_url, None);
    Ok(())
}

#[test]
fn config_unknown_key_is_rejected_with_its_line() {
    let error = SupergraphConfig::parse(
        "federation_version: =2.3.2\nsubgraphs:\n  users:\n    routing_url: http://u\n    schema:\n      file: u.graphql\n    routng: typo\n",
    )
    .expect_err("unknown key");
    let message = error.to_string();
    assert!(message.contains("unknown field `routng`"), "{message}");
    assert!(message.contains("line 7"), "{message}");
}

#[test]
fn config_schema_with_both_sources_is_rejected() {
    let error = SupergraphConfig::parse(
        "subgraphs:\n  users:\n    routing_url: http://u\n    schema:\n      file: u.graphql\n      subgraph_url: http://u\n",
    )
    .expect_err("two sources");
    assert!(
        error
            .to_string()
            .contains("exactly one of `file` or `subgraph_url`"),
        "{error}"
    );
}

#[test]
fn config_federation_one_is_rejected() {
    let error = SupergraphConfig::parse(
        "federation_version: 1\nsubgraphs:\n  users:\n    routing_url: http://u\n    schema:\n      file: u.graphql\n",
    )
    .expect_err("fed 1");
    assert!(matches!(error, ConfigError::Invalid(_)), "{error}");
}

#[test]
fn config_file_schema_without_routing_url_is_rejected() {
    let error =
        SupergraphConfig::parse("subgraphs:\n  users:\n    schema:\n      file: u.graphql\n")
            .expect_err("no routing url");
    assert!(error.to_string().contains("needs a routing_url"), "{error}");
}

#[tokio::test]
async fn live_subgraph_sdl_is_fetched_and_composes_with_a_file_subgraph() -> anyhow::Result<()> {
    let url = start_users_subgraph().await?;
    let sdl = fetch_subgraph_sdl(&url).await?;
    assert!(sdl.contains("@key(fields: \"id\")"), "{sdl}");

    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("reviews.graphql"),
        r#"extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { latestReview: Review }
type Review { body: String! author: User! }
type User @key(fields: "id") { id: ID! reviewCount: Int! }
"#,
    )?;
    let yaml = format!(
        "federation_version: =2.3.2\nsubgraphs:\n  users:\n    schema:\n      subgraph_url: {url}\n  reviews:\n    routing_url: http://reviews/graphql\n    schema:\n      file: reviews.graphql\n"
    );
    let config = SupergraphConfig::parse(&yaml)?;
    let subgraphs = config.load_subgraphs(dir.path()).await?;
    assert_eq!(subgraphs.len(), 2);
    assert_eq!(
        subgraphs[1].url, url,
        "routing_url defaults to subgraph_url"
    );

    let supergraph = compose(&subgraphs).map_err(|d| anyhow::anyhow!(composition::render(&d)))?;
    assert!(supergraph.sdl.contains(&format!(
        "USERS @join__graph(name: \"users\", url: \"{url}\")"
    )));
    assert!(
        supergraph
            .sdl
            .contains("reviewCount: Int! @join__field(graph: REVIEWS)"),
        "{}",
        supergraph.sdl
    );
    Ok(())
}

#[tokio::test]
async fn unreachable_subgraph_url_is_a_fetch_error() -> anyhow::Result<()> {
    // Bind then drop a listener so the port is (very likely) closed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    drop(listener);
    let error = fetch_subgraph_sdl(&format!("http://{address}/graphql"))
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, FetchError::Http(_)), "{error}");
    Ok(())
}

#[test]
fn missing_schema_file_names_the_subgraph() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let config = SupergraphConfig::parse(
        "subgraphs:\n  users:\n    routing_url: http://u\n    schema:\n      file: nope.graphql\n",
    )?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let error = runtime
        .block_on(config.load_subgraphs(dir.path()))
        .expect_err("missing file");
    assert!(error.to_string().contains("subgraph \"users\""), "{error}");
    Ok(())
}

#[tokio::test]
async fn config_file_composes_end_to_end_and_reports_diagnostics() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("a.graphql"),
        "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\"])\ntype Query { a: Int }\n",
    )?;
    std::fs::write(
        dir.path().join("b.graphql"),
        "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\"])\ntype Query { a: Int }\n",
    )?;
    let yaml = dir.path().join("supergraph.yaml");
    std::fs::write(
        &yaml,
        "federation_version: =2.3.2\nsubgraphs:\n  a:\n    routing_url: http://a\n    schema:\n      file: a.graphql\n",
    )?;
    let supergraph = compose_from_config(&yaml).await?;
    assert!(
        supergraph
            .sdl
            .contains("A @join__graph(name: \"a\", url: \"http://a\")")
    );

    std::fs::write(
        &yaml,
        "subgraphs:\n  a:\n    routing_url: http://a\n    schema:\n      file: a.graphql\n  b:\n    routing_url: http://b\n    schema:\n      file: b.graphql\n",
    )?;
    match compose_from_config(&yaml).await {
        Err(ComposeError::Composition(diagnostics)) => {
            assert_eq!(diagnostics[0].code, "INVALID_FIELD_SHARING");
        }
        other => anyhow::bail!("expected a sharing error, got {other:?}"),
    }
    Ok(())
}
