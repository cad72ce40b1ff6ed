//! Runs the `router plan` binary.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../planner/tests/fixtures")
        .join(name)
}

fn router(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_router"))
        .args(args)
        .output()
        .expect("router binary runs")
}

fn query_file(dir: &tempfile::TempDir, text: &str) -> String {
    let path = dir.path().join("query.graphql");
    std::fs::write(&path, text).expect("write query");
    path.display().to_string()
}

#[test]
fn prints_the_plan_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = query_file(&dir, "query Me { me { username reviews { body } } }");
    let shop = fixture("shop.graphql");
    let output = router(&[
        "plan",
        "--supergraph",
        shop.to_str().expect("utf8"),
        "--query",
        &query,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("QueryPlan {\n  Sequence {\n    Fetch(service: \"users\")"),
        "{stdout}"
    );
    assert!(stdout.contains("Flatten(path: \"me\")"), "{stdout}");
}

#[test]
fn prints_the_plan_as_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = query_file(&dir, "query Me($id: ID!) { user(id: $id) { email } }");
    let shop = fixture("shop.graphql");
    let output = router(&[
        "plan",
        "--supergraph",
        shop.to_str().expect("utf8"),
        "--query",
        &query,
        "--variables",
        r#"{"id": "1"}"#,
        "--json",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(plan["node"]["kind"], "Fetch");
    assert_eq!(plan["node"]["serviceName"], "users");
    assert_eq!(
        plan["node"]["operation"],
        "query Me__users__0($id: ID!) { user(id: $id) { email } }"
    );
    assert_eq!(plan["node"]["variableUsages"], serde_json::json!(["id"]));
}

#[test]
fn rejects_an_invalid_operation_before_planning_with_its_location() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = query_file(&dir, "{\n  me {\n    nope\n  }\n}");
    let shop = fixture("shop.graphql");
    let output = router(&[
        "plan",
        "--supergraph",
        shop.to_str().expect("utf8"),
        "--query",
        &query,
    ]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "no plan printed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("query.graphql:3:5"), "{stderr}");
    assert!(stderr.contains("nope"), "{stderr}");
}

#[test]
fn rejects_a_broken_supergraph_with_its_location() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = query_file(&dir, "{ me { username } }");
    let broken = dir.path().join("broken.graphql");
    let sdl = std::fs::read_to_string(fixture("shop.graphql"))
        .expect("fixture")
        .replace(
            "key: \"upc\")\n  @join__type(graph: PRODUCTS, key: \"sku\")",
            "key: \"upc\")\n  @join__type(graph: PRODUCTS, key: \"barcode\")",
        );
    std::fs::write(&broken, sdl).expect("write");
    let output = router(&[
        "plan",
        "--supergraph",
        broken.to_str().expect("utf8"),
        "--query",
        &query,
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid supergraph"), "{stderr}");
    assert!(stderr.contains("on Product at "), "{stderr}");
    assert!(
        stderr.contains("does not have a field `barcode`"),
        "{stderr}"
    );
}

#[test]
fn rejects_variables_that_do_not_match_the_operation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = query_file(&dir, "query Me($id: ID!) { user(id: $id) { email } }");
    let shop = fixture("shop.graphql");
    let output = router(&[
        "plan",
        "--supergraph",
        shop.to_str().expect("utf8"),
        "--query",
        &query,
        "--variables",
        "{}",
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid variables"), "{stderr}");
}

#[test]
fn selects_the_operation_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let query = query_file(
        &dir,
        "query A { me { id } } query B { topProducts { name } }",
    );
    let shop = fixture("shop.graphql");
    let shop = shop.to_str().expect("utf8");
    let output = router(&[
        "plan",
        "--supergraph",
        shop,
        "--query",
        &query,
        "--operation-name",
        "B",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("service: \"products\""));
    let output = router(&["plan", "--supergraph", shop, "--query", &query]);
    assert!(!output.status.success(), "ambiguous without a name");
}
