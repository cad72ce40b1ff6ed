//! Runs the `router check` binary the way a service team's CI does: the checked-in
//! `schema/supergraph.yaml` and subgraph SDLs, copied to a temporary directory, against a
//! proposed products schema with one edit each.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The repository's `schema/` directory copied into a fresh temporary directory.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema");
        for entry in std::fs::read_dir(&schema).expect("schema dir") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let name = path.file_name().expect("file name");
                std::fs::copy(&path, dir.path().join(name)).expect("copy schema file");
            }
        }
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn config(&self) -> String {
        self.path("supergraph.yaml").display().to_string()
    }

    /// Writes `proposed.graphql`: the checked-in products SDL with `from` replaced by `to`.
    fn propose_products(&self, from: &str, to: &str) -> String {
        let sdl = std::fs::read_to_string(self.path("products.graphql")).expect("products sdl");
        assert!(
            sdl.contains(from),
            "products.graphql no longer contains {from:?}"
        );
        let path = self.path("proposed.graphql");
        std::fs::write(&path, sdl.replacen(from, to, 1)).expect("write proposal");
        path.display().to_string()
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(&path, text).expect("write file");
        path
    }

    fn check(&self, extra: &[&str]) -> Output {
        let config = self.config();
        let mut args = vec!["check", "--config", config.as_str()];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_router"))
            .args(&args)
            .output()
            .expect("router binary runs")
    }

    /// `router check --subgraph products=<proposal>` with one edit; returns (exit code, stdout).
    fn check_products_edit(&self, from: &str, to: &str) -> (i32, String) {
        let proposal = format!("products={}", self.propose_products(from, to));
        run(self.check(&["--subgraph", &proposal]))
    }
}

fn run(output: Output) -> (i32, String) {
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().expect("exit code");
    assert!(
        stderr.is_empty() || code != 0,
        "unexpected stderr on success: {stderr}"
    );
    (code, format!("{stdout}{stderr}"))
}

#[test]
fn unchanged_subgraph_passes() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit("type Query {", "type Query {");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("No changes to the API schema."), "{out}");
    assert!(out.contains("PASS"), "{out}");
}

#[test]
fn added_field_is_safe_and_passes() {
    let ws = Workspace::new();
    let (code, out) =
        ws.check_products_edit("\tsku: String!\n", "\tsku: String!\n\tslug: String\n");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Safe changes (1):\n  FIELD_ADDED Product.slug"),
        "{out}"
    );
}

#[test]
fn added_enum_value_clients_receive_is_dangerous_and_passes() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit("\tGROCERY\n", "\tGROCERY\n\tPETS\n");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Dangerous changes (1):\n  VALUE_ADDED_TO_ENUM ProductCategory.PETS"),
        "{out}"
    );
    assert!(out.contains("PASS: 1 dangerous, 0 safe change(s)"), "{out}");
}

#[test]
fn removed_field_is_breaking_and_fails() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit("\tdescription: String!\n", "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Breaking changes (1):\n  FIELD_REMOVED Product.description"),
        "{out}"
    );
    assert!(out.contains("FAIL: 1 breaking change(s)"), "{out}");
}

#[test]
fn changed_field_type_is_breaking_and_fails() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit("\tsku: String!\n", "\tsku: ID!\n");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("FIELD_CHANGED_TYPE Product.sku\n    Field `Product.sku` changed type from `String!` to `ID!`"),
        "{out}"
    );
}

#[test]
fn output_field_becoming_nullable_is_breaking_and_fails() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit("\tname: String!\n", "\tname: String\n");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FIELD_CHANGED_TYPE Product.name"), "{out}");
    assert!(out.contains("it may now return null"), "{out}");
}

#[test]
fn output_field_becoming_non_null_is_safe() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit(
        "\tproductBySku(sku: String!): Product\n",
        "\tproductBySku(sku: String!): Product!\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Safe changes (1):\n  FIELD_CHANGED_TYPE Query.productBySku"),
        "{out}"
    );
}

#[test]
fn new_required_argument_is_breaking_and_fails() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit(
        "topProducts(first: Int = 5)",
        "topProducts(first: Int = 5, region: String!)",
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("REQUIRED_ARG_ADDED Query.topProducts(region:)"),
        "{out}"
    );
}

#[test]
fn removed_enum_value_is_breaking_and_fails() {
    let ws = Workspace::new();
    let (code, out) = ws.check_products_edit("\tHOME\n", "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("VALUE_REMOVED_FROM_ENUM ProductCategory.HOME"),
        "{out}"
    );
}

#[test]
fn composition_error_exits_2_with_its_code_and_location() {
    let ws = Workspace::new();
    // inventory declares `price: Int! @external` for its @requires.
    let (code, out) = ws.check_products_edit("\tprice: Int!\n", "\tprice: Float!\n");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("Composition errors"), "{out}");
    assert!(out.contains("error[EXTERNAL_TYPE_MISMATCH]"), "{out}");
    assert!(out.contains("--> products:"), "{out}");
    assert!(
        out.contains("ERROR: composition failed with 1 error(s)"),
        "{out}"
    );
}

#[test]
fn new_subgraph_name_adds_a_subgraph() {
    let ws = Workspace::new();
    let sdl = r#"extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
type Query { shippingZones: [String!]! }
"#;
    let file = ws.write("shipping.graphql", sdl);
    let (code, out) = run(ws.check(&["--subgraph", &format!("shipping={}", file.display())]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(new subgraph)"), "{out}");
    assert!(out.contains("FIELD_ADDED Query.shippingZones"), "{out}");
}

#[test]
fn missing_proposed_file_is_bad_input_exit_2() {
    let ws = Workspace::new();
    let missing = ws.path("nope.graphql");
    let (code, out) = run(ws.check(&["--subgraph", &format!("products={}", missing.display())]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cannot read"), "{out}");
}

fn operations_dir(ws: &Workspace) -> PathBuf {
    ws.write(
        "ops/catalog.graphql",
        "query Catalog {\n  topProducts {\n    ...Card\n  }\n}\n\nquery Names {\n  topProducts { name }\n}\n\nfragment Card on Product {\n  name\n  description\n}\n",
    );
    ws.write(
        "ops/nested/search.gql",
        "query Search($text: String!) {\n  searchProducts(text: $text) { id description }\n}\n",
    );
    ws.write("ops/legacy.graphql", "query Legacy {\n  retiredField\n}\n");
    ws.write("ops/README.md", "not an operation");
    ws.path("ops")
}

#[test]
fn operations_broken_by_the_change_are_listed_and_fail() {
    let ws = Workspace::new();
    let ops = operations_dir(&ws);
    let proposal = format!(
        "products={}",
        ws.propose_products("\tdescription: String!\n", "")
    );
    let (code, out) = run(ws.check(&[
        "--subgraph",
        &proposal,
        "--operations",
        &ops.display().to_string(),
    ]));
    assert_eq!(code, 1, "{out}");
    let ops = ops.display();
    assert!(
        out.contains("4 in 3 file(s)")
            && out.contains("2 broken by this change, 1 already invalid"),
        "{out}"
    );
    // The fragment's error is blamed on the operation that spreads it, at the fragment's line.
    assert!(
        out.contains(&format!("    {ops}/catalog.graphql Catalog\n      13:3: ")),
        "{out}"
    );
    assert!(!out.contains("catalog.graphql Names"), "{out}");
    assert!(
        out.contains(&format!("    {ops}/nested/search.gql Search\n      2:36: ")),
        "{out}"
    );
    assert!(
        out.contains("Already invalid against the current schema (not caused by this change):\n")
            && out.contains(&format!("    {ops}/legacy.graphql Legacy\n      2:3: ")),
        "{out}"
    );
}

#[test]
fn operations_already_invalid_do_not_fail_the_check() {
    let ws = Workspace::new();
    let ops = operations_dir(&ws);
    let proposal = format!(
        "products={}",
        ws.propose_products("\tsku: String!\n", "\tsku: String!\n\tslug: String\n")
    );
    let (code, out) = run(ws.check(&[
        "--subgraph",
        &proposal,
        "--operations",
        &ops.display().to_string(),
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("0 broken by this change, 1 already invalid"),
        "{out}"
    );
}

#[test]
fn json_format_is_machine_readable() {
    let ws = Workspace::new();
    let ops = operations_dir(&ws);
    let proposal = format!(
        "products={}",
        ws.propose_products("\tdescription: String!\n", "")
    );
    let output = ws.check(&[
        "--subgraph",
        &proposal,
        "--operations",
        &ops.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(report["result"], "fail");
    assert_eq!(report["exit_code"], 1);
    assert_eq!(report["summary"]["breaking"], 1);
    assert_eq!(report["summary"]["broken_operations"], 2);
    assert_eq!(report["changes"][0]["severity"], "breaking");
    assert_eq!(report["changes"][0]["code"], "FIELD_REMOVED");
    assert_eq!(report["changes"][0]["coordinate"], "Product.description");
    assert_eq!(report["proposed"][0]["name"], "products");
    assert_eq!(report["proposed"][0]["new_subgraph"], false);
    let broken = &report["operations"]["broken"][0];
    assert_eq!(broken["operation"], "Catalog");
    assert_eq!(broken["errors"][0]["line"], 13);
    assert!(
        report["composition_errors"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

#[test]
fn json_format_reports_composition_errors() {
    let ws = Workspace::new();
    let proposal = format!(
        "products={}",
        ws.propose_products("\tprice: Int!\n", "\tprice: Float!\n")
    );
    let output = ws.check(&["--subgraph", &proposal, "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(report["result"], "error");
    let error = &report["composition_errors"][0];
    assert_eq!(error["schema"], "proposed");
    assert_eq!(error["code"], "EXTERNAL_TYPE_MISMATCH");
    assert!(
        error["subgraphs"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s == "products")),
        "{error}"
    );
    assert!(error["locations"][0]["line"].as_u64().is_some(), "{error}");
}

#[test]
fn help_documents_the_exit_codes() {
    let output = Command::new(env!("CARGO_BIN_EXE_router"))
        .args(["check", "--help"])
        .output()
        .expect("router binary runs");
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Exit codes:"), "{help}");
    assert!(
        help.contains("a NAME not in the config adds a new subgraph"),
        "{help}"
    );
}

#[test]
fn current_config_that_does_not_compose_exits_2_and_says_so() {
    let ws = Workspace::new();
    let inventory = std::fs::read_to_string(ws.path("inventory.graphql")).expect("inventory");
    std::fs::write(
        ws.path("inventory.graphql"),
        inventory.replacen(
            "\tprice: Int! @external\n",
            "\tprice: String! @external\n",
            1,
        ),
    )
    .expect("break inventory");
    let proposal = format!(
        "products={}",
        ws.propose_products("\tsku: String!\n", "\tsku: String!\n\tslug: String\n")
    );
    let output = ws.check(&["--subgraph", &proposal, "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(report["composition_errors"][0]["schema"], "current");
    assert_eq!(
        report["composition_errors"][0]["code"],
        "EXTERNAL_TYPE_MISMATCH"
    );
}

#[test]
fn operations_directory_with_a_symlink_cycle_is_walked_once() {
    let ws = Workspace::new();
    let ops = operations_dir(&ws);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&ops, ops.join("nested/loop")).expect("symlink");
    let (code, out) = run(ws.check(&["--operations", &ops.display().to_string()]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("4 in 3 file(s)"), "{out}");
}
