//! Composes every `*.graphql` in a folder (file stem = subgraph name) and prints the
//! supergraph or the diagnostics: `cargo run -p composition --example compose_dir -- DIR`.

use composition::{SubgraphSdl, compose, render};

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: compose_dir DIR"))?;
    let mut subgraphs = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("graphql") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| anyhow::anyhow!("bad file name"))?
            .to_string();
        let url = format!("http://{name}/graphql");
        subgraphs.push(SubgraphSdl::new(name, url, std::fs::read_to_string(&path)?));
    }
    match compose(&subgraphs) {
        Ok(supergraph) => {
            print!("{}", supergraph.sdl);
            for hint in &supergraph.hints {
                eprintln!("{hint}");
            }
            Ok(())
        }
        Err(diagnostics) => {
            eprintln!("{}", render(&diagnostics));
            std::process::exit(1);
        }
    }
}
