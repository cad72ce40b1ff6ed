//! Composes the bench subgraphs into a supergraph file routed to the given URLs.

use std::path::PathBuf;

use anyhow::{Context, bail};
use bench_subgraphs::Subgraph;
use clap::Parser;

#[derive(Parser)]
#[command(about = "Compose the bench subgraphs into a supergraph")]
struct Args {
    /// Where to write the supergraph SDL.
    #[arg(long, default_value = "target/bench/supergraph.graphql")]
    out: PathBuf,
    /// A subgraph's routing URL, `NAME=URL` (repeatable; default http://127.0.0.1:410N/graphql
    /// for users, products, inventory, reviews).
    #[arg(long = "subgraph-url", value_name = "NAME=URL")]
    urls: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut urls: Vec<(Subgraph, String)> = Subgraph::ALL
        .into_iter()
        .enumerate()
        .map(|(i, s)| (s, format!("http://127.0.0.1:{}/graphql", 4101 + i)))
        .collect();
    for flag in &args.urls {
        let Some((name, url)) = flag.split_once('=') else {
            bail!("--subgraph-url wants NAME=URL, got {flag:?}");
        };
        let Some(subgraph) = Subgraph::from_name(name.trim()) else {
            bail!("unknown subgraph {name:?} (users, products, inventory, reviews)");
        };
        for entry in urls.iter_mut().filter(|(s, _)| *s == subgraph) {
            entry.1 = url.trim().to_owned();
        }
    }
    let sdl = bench_subgraphs::supergraph_sdl(&urls)?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.out, sdl).with_context(|| format!("writing {}", args.out.display()))?;
    println!("{}", args.out.display());
    Ok(())
}
