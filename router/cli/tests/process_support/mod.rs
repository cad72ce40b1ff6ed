//! `router serve` as a child process: start it on 127.0.0.1:0, learn its address from its log,
//! keep every stdout line, stop it with SIGTERM.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub struct RouterProcess {
    pub addr: String,
    child: Child,
    lines: mpsc::Receiver<String>,
    /// Lines read so far (the startup lines included).
    pub seen: Vec<String>,
}

impl RouterProcess {
    /// Serves `supergraph` with `args` and `envs` on top of `NO_COLOR=1`.
    pub fn start(supergraph: &Path, args: &[&str], envs: &[(&str, &str)]) -> RouterProcess {
        let mut command = Command::new(env!("CARGO_BIN_EXE_router"));
        command
            .arg("serve")
            .arg("--supergraph")
            .arg(supergraph)
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("RUST_LOG")
            .env_remove("LOG_FORMAT")
            .env_remove("OTEL_EXPORTER_OTLP_ENDPOINT")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (name, value) in envs {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("start router serve");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            // Keep reading after the receiver is gone: a closed pipe would fail the router's
            // writes.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut seen = Vec::new();
        let addr = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(30))
                .expect("router serve logs its address");
            let found = line
                .split("GraphQL at http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .map(str::to_owned);
            seen.push(line);
            if let Some(addr) = found {
                break addr;
            }
        };
        RouterProcess {
            addr,
            child,
            lines,
            seen,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// SIGTERM, wait for a clean exit, and return every line it printed.
    pub async fn stop(mut self) -> Vec<String> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("send SIGTERM");
        assert!(status.success());
        let mut child = self.child;
        let exit = tokio::task::spawn_blocking(move || child.wait())
            .await
            .expect("wait task")
            .expect("the router exits");
        assert!(exit.success(), "router serve exited with {exit}");
        // The reader thread ends with the pipe; collect what is left.
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.seen.push(line);
        }
        self.seen
    }
}
