//! `router.yaml` through the real binary: a bad file stops `router serve` before it binds,
//! with the file, line, key path and a hint; `${env.NAME}` fills the file in; `router config
//! schema | validate | default` work on the shipped example.

#[path = "../../server/tests/fault_support/mod.rs"]
mod fault_support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use fault_support::{closed_port, compose};
use router_server::RouterConfig;
use serde_json::{Value, json};

/// The example configuration shipped at the repository root.
fn shipped_example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docker/router.yaml")
}

fn router(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_router"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run the router binary")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the file");
    path.display().to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `router serve --config FILE` on a port this test holds: a config error must come first.
fn serve_fails(config: &str, env: &[(&str, &str)]) -> String {
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = held.local_addr().expect("address").port().to_string();
    let output = router(
        &[
            "serve",
            "--config",
            config,
            "--port",
            &port,
            "--supergraph",
            "missing.graphql",
        ],
        env,
    );
    assert!(!output.status.success(), "router serve accepted {config}");
    let stderr = stderr(&output);
    assert!(!stderr.contains("cannot bind"), "{stderr}");
    stderr
}

#[test]
fn serve_refuses_an_unknown_key_with_its_line_and_the_key_meant() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = write(
        dir.path(),
        "router.yaml",
        "server:\n  listen: 127.0.0.1:4000\nlimits:\n  max_dpeth: 3\n",
    );
    let stderr = serve_fails(&config, &[]);
    assert!(
        stderr.contains(&format!(
            "{config}:4:3: limits.max_dpeth: unknown key `max_dpeth`\n    hint: did you mean `max_depth`?"
        )),
        "{stderr}"
    );
}

#[test]
fn serve_refuses_a_wrong_type_saying_what_is_expected() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = write(
        dir.path(),
        "router.yaml",
        "introspection: false\nplan_cache:\n  capacity: lots\n",
    );
    let stderr = serve_fails(&config, &[]);
    assert!(
        stderr.contains(&format!(
            "{config}:3:13: plan_cache.capacity: invalid type: string \"lots\", expected a whole number (0 or more)\n    hint: expected a whole number (0 or more); the default is `512`"
        )),
        "{stderr}"
    );
}

#[test]
fn serve_refuses_an_unset_environment_variable_naming_it_and_its_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = write(
        dir.path(),
        "router.yaml",
        "# ${env.IN_A_COMMENT} is fine\nlimits:\n  max_depth: ${env.ROUTER_TEST_UNSET_DEPTH}\n",
    );
    let stderr = serve_fails(&config, &[]);
    assert!(
        stderr.contains(&format!(
            "{config}:3:14: environment variable ROUTER_TEST_UNSET_DEPTH is not set"
        )),
        "{stderr}"
    );
}

#[test]
fn serve_reports_every_semantic_problem_at_once() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let config = write(
        dir.path(),
        "router.yaml",
        "subgraphs:\n  all:\n    url: http://x/graphql\nlimits:\n  max_depth: 0\n",
    );
    let stderr = serve_fails(&config, &[]);
    assert!(stderr.contains("2 problems"), "{stderr}");
    assert!(
        stderr.contains(&format!("{config}:3:5: subgraphs.all.url:")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{config}:5:3: limits.max_depth: must be at least 1"
        )),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn environment_variables_fill_in_the_served_configuration() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let supergraph = write(
        dir.path(),
        "supergraph.graphql",
        &compose(closed_port().await, closed_port().await),
    );
    let config = write(
        dir.path(),
        "router.yaml",
        "server:\n  listen: ${env.ROUTER_TEST_HOST}:0\nsupergraph:\n  path: ${env.ROUTER_TEST_SUPERGRAPH}\nlimits:\n  max_depth: ${env.ROUTER_TEST_DEPTH:-1}\n",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_router"))
        .args(["serve", "--config", &config])
        .env("ROUTER_TEST_HOST", "127.0.0.1")
        .env("ROUTER_TEST_SUPERGRAPH", &supergraph)
        .env("NO_COLOR", "1")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start router serve");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let addr = loop {
        let line = received
            .recv_timeout(Duration::from_secs(30))
            .expect("router serve logs its address");
        if let Some(rest) = line.split("GraphQL at http://").nth(1) {
            break rest.split('/').next().expect("address").to_owned();
        }
    };
    let body: Value = reqwest::Client::new()
        .post(format!("http://{addr}/graphql"))
        .json(&json!({ "query": "{ products { name } }" }))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("JSON");
    child.kill().expect("stop the router");
    let _ = child.wait();
    // The default of `${env.ROUTER_TEST_DEPTH:-1}` applied: depth 2 is one too many.
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "MAX_DEPTH_LIMIT_EXCEEDED",
        "{body:#}"
    );
}

#[test]
fn config_validate_accepts_the_shipped_example_and_lists_problems_of_a_bad_file() {
    let example = shipped_example().display().to_string();
    let ok = router(&["config", "validate", &example], &[]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        format!("{example}: OK\n")
    );

    let dir = tempfile::tempdir().expect("temporary folder");
    let bad = write(dir.path(), "bad.yaml", "playground:\n  enabld: false\n");
    let failed = router(&["config", "validate", &example, &bad], &[]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = stderr(&failed);
    assert!(
        stderr.contains(&format!(
            "{bad}:2:3: playground.enabld: unknown key `enabld`\n    hint: did you mean `enabled`?"
        )),
        "{stderr}"
    );
}

#[test]
fn config_schema_is_a_json_schema_that_accepts_the_shipped_example_and_rejects_typos() {
    let output = router(&["config", "schema"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");

    let text = std::fs::read_to_string(shipped_example()).expect("read the example");
    // Editors see the file before expansion: what they validate is the expanded document.
    let expanded = text
        .replace("${env.ROUTER_PORT:-4000}", "4000")
        .replace("${env.ROUTER_INTROSPECTION:-false}", "false")
        .replace("${env.ROUTER_PLAYGROUND:-false}", "false");
    let example: Value = serde_norway::from_str(&expanded).expect("YAML");
    let errors: Vec<String> = validator
        .iter_errors(&example)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    for bad in [
        json!({ "limits": { "max_dpeth": 3 } }),
        json!({ "limits": { "max_depth": "deep" } }),
        json!({ "errors": { "subgraphs": { "all": { "redact": "yes" } } } }),
    ] {
        assert!(!validator.is_valid(&bad), "the schema accepted {bad}");
    }
}

#[test]
fn config_default_prints_the_defaults_as_a_valid_file() {
    let output = router(&["config", "default"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(
        RouterConfig::from_yaml(&text, "default").expect("valid"),
        RouterConfig::default()
    );
}
