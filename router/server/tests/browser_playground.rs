//! The GraphiQL playground in a real browser: the five subgraphs and the router run in process,
//! the playground's assets (react, react-dom, graphiql) come from a local static server in
//! unpkg's layout (the test machines have no CDN), and `tests/browser/playground.mjs` drives
//! headless Debian Chromium through playwright-core: it types a query spanning the five
//! subgraphs, runs it, and checks the result pane and the "Query plan" panel.
//!
//! Needs `/usr/bin/chromium`, `node` and `tests/browser/node_modules` (`scripts/browser-deps`
//! installs them). Without them the test says it SKIPPED and passes, unless `BROWSER_TESTS=1`
//! (CI sets it after running `scripts/browser-deps`), where it fails.

mod e2e_support;

use std::path::{Component, Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use e2e_support::Stack;
use serde_json::{Value, json};

/// The query the script types; the test asks the router the same directly to know the answer.
const QUERY: &str = include_str!("browser/cart-with-reviews.graphql");

/// Files the playground page loads, as `node_modules` paths.
const ASSETS: &[&str] = &[
    "react/umd/react.production.min.js",
    "react-dom/umd/react-dom.production.min.js",
    "graphiql/graphiql.min.js",
    "graphiql/graphiql.min.css",
];

/// The whole browser run: Chromium start, page load, query, screenshot. Generous, for a busy
/// 2-core machine; the script has its own, shorter, per-step timeouts.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(300);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn playground_runs_a_five_subgraph_query_in_headless_chromium() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    if let Some(missing) = missing_prerequisite(&browser_dir, &chromium) {
        let advice = "run scripts/browser-deps to install Chromium and the npm packages";
        if std::env::var("BROWSER_TESTS").as_deref() == Ok("1") {
            panic!("BROWSER_TESTS=1 but {missing}: {advice}");
        }
        eprintln!(
            "SKIPPED playground browser test: {missing} ({advice}; with BROWSER_TESTS=1 this fails)"
        );
        return;
    }

    let assets = AssetServer::start(browser_dir.join("node_modules")).await;
    let mut config = e2e_support::shop_config();
    config.playground.assets_url = format!("http://{}", assets.addr);
    let stack = Stack::start_with(config).await;

    // What the result pane must show: the router's own answer to the same query.
    let expected = stack.query(QUERY, json!({})).await;
    assert!(
        expected.get("errors").is_none(),
        "the router answers the query without errors: {expected:#}"
    );
    let work = tempfile::tempdir().expect("a temporary folder");
    let expected_path = work.path().join("expected.json");
    std::fs::write(&expected_path, expected.to_string()).expect("write the expected response");
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-playground.png");

    let run = tokio::process::Command::new("node")
        .arg(browser_dir.join("playground.mjs"))
        .arg(stack.url("/"))
        .env("PLAYGROUND_EXPECTED", &expected_path)
        .env("PLAYGROUND_SCREENSHOT", &screenshot)
        .env("CHROMIUM", &chromium)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(BROWSER_TIMEOUT, run)
        .await
        .unwrap_or_else(|_| panic!("the browser run took over {BROWSER_TIMEOUT:?}"))
        .expect("start node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "playground.mjs failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains(&format!("screenshot: {}", screenshot.display())),
        "{stdout}"
    );
    println!("playground screenshot: {}", screenshot.display());

    // The page really loaded its assets from here, not from somewhere else.
    let served = assets.served.lock().expect("served list").clone();
    for asset in ASSETS {
        assert!(
            served.iter().any(|path| path == asset),
            "{asset} was not served locally; served: {served:?}"
        );
    }
}

/// Why the browser test cannot run here, if it cannot.
fn missing_prerequisite(browser_dir: &Path, chromium: &str) -> Option<String> {
    if !Path::new(chromium).is_file() {
        return Some(format!("{chromium} is missing"));
    }
    let node = std::process::Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|status| status.success()) {
        return Some("node is not on PATH".to_owned());
    }
    let modules = browser_dir.join("node_modules");
    for file in ASSETS
        .iter()
        .copied()
        .chain(["playwright-core/package.json"])
    {
        if !modules.join(file).is_file() {
            return Some(format!("{} is missing", modules.join(file).display()));
        }
    }
    None
}

/// Serves `node_modules/<pkg>/<path>` as `/<pkg>@<version>/<path>` (unpkg's layout), only when
/// the installed package has that version, and remembers what it served (as `<pkg>/<path>`).
struct AssetServer {
    addr: std::net::SocketAddr,
    served: Arc<Mutex<Vec<String>>>,
}

#[derive(Clone)]
struct Assets {
    modules: PathBuf,
    served: Arc<Mutex<Vec<String>>>,
}

impl AssetServer {
    async fn start(modules: PathBuf) -> AssetServer {
        let served = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new()
            .route("/{*path}", get(asset))
            .with_state(Assets {
                modules,
                served: served.clone(),
            });
        let addr = subgraph_kit::testing::spawn(app).await;
        AssetServer { addr, served }
    }
}

async fn asset(State(assets): State<Assets>, UrlPath(path): UrlPath<String>) -> Response {
    let not_found = |why: String| (StatusCode::NOT_FOUND, why).into_response();
    let Some((package, file)) = path.split_once('/') else {
        return not_found(format!("{path}: expected /<pkg>@<version>/<path>"));
    };
    let Some((name, version)) = package.split_once('@') else {
        return not_found(format!("{package}: expected <pkg>@<version>"));
    };
    let relative = Path::new(name).join(file);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return not_found(format!("{path}: not a plain path"));
    }
    let installed = tokio::fs::read(assets.modules.join(name).join("package.json"))
        .await
        .ok()
        .and_then(|raw| serde_json::from_slice::<Value>(&raw).ok())
        .and_then(|manifest| manifest["version"].as_str().map(str::to_owned));
    if installed.as_deref() != Some(version) {
        return not_found(format!(
            "{name}@{version} is not installed (found {installed:?}); run scripts/browser-deps"
        ));
    }
    let Ok(bytes) = tokio::fs::read(assets.modules.join(&relative)).await else {
        return not_found(format!("{path}: no such file"));
    };
    assets
        .served
        .lock()
        .expect("served list")
        .push(relative.display().to_string());
    let content_type = match relative.extension().and_then(|e| e.to_str()) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    // The page loads its scripts with `crossorigin`, so they need CORS.
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        bytes,
    )
        .into_response()
}
