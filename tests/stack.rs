//! `shop`, the one-command stack: five subgraphs on fresh SQLite files plus the router, a
//! cross-subgraph query through it, a clean stop on SIGTERM, and a second start that reuses
//! the seeded files.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

/// Starts `shop` on free ports; returns it and the playground URL it printed.
fn start(data_dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shop"))
        .args([
            "--port",
            "0",
            "--subgraph-base-port",
            "0",
            "--seed-scale",
            "0.01",
        ])
        .arg("--data-dir")
        .arg(data_dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start shop");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        // Keep reading after the receiver is gone: a closed pipe would fail the server's writes.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let playground = loop {
        let line = received
            .recv_timeout(Duration::from_secs(120))
            .expect("shop prints the playground URL");
        if let Some(url) = line.trim().strip_prefix("Playground: ") {
            break url.to_owned();
        }
    };
    (child, playground)
}

fn stop(child: Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    let exit = child.wait_with_output().expect("shop exits").status;
    assert!(exit.success(), "shop exited with {exit}");
}

async fn cart_of_user_1(playground: &str) -> Value {
    reqwest::Client::new()
        .post(format!("{playground}graphql"))
        .header("x-user-id", "1")
        .json(&json!({ "query": "{ me { username cart { items { quantity product { name inStock shippingEstimate } } } } }" }))
        .send()
        .await
        .expect("the router answers")
        .json()
        .await
        .expect("JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_command_starts_the_whole_stack_and_stops_cleanly() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let data = dir.path().join("data");
    let (shop, playground) = start(&data);
    assert!(playground.starts_with("http://127.0.0.1:"), "{playground}");
    assert!(playground.ends_with('/'), "{playground}");
    let first = cart_of_user_1(&playground).await;
    assert_eq!(
        first,
        json!({ "data": { "me": { "username": "alan.turing1", "cart": { "items": [
            { "quantity": 5, "product": { "name": "Portable Matte-Black Camera",
                                          "inStock": true, "shippingEstimate": 0 } }
        ] } } } })
    );
    let page = reqwest::get(&playground).await.expect("playground");
    assert_eq!(page.status(), 200);
    stop(shop);

    for name in ["users", "products", "inventory", "reviews", "carts"] {
        assert!(data.join(format!("{name}.db")).is_file(), "{name}.db");
    }
    // Second start on the same files: they are reused and the answer is the same.
    let (shop, playground) = start(&data);
    assert_eq!(cart_of_user_1(&playground).await, first);
    stop(shop);
}
