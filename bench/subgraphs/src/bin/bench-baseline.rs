//! The replay baseline server (see `bench_subgraphs::baseline` and docs/benchmarks.md).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use bench_subgraphs::baseline;
use clap::Parser;

#[derive(Parser)]
#[command(about = "Serve an operation by replaying its plan's recorded subgraph fetches")]
struct Args {
    /// The supergraph (its URLs are where fetches go).
    #[arg(long)]
    supergraph: PathBuf,
    /// The operation to record.
    #[arg(long)]
    query: PathBuf,
    #[arg(long)]
    operation_name: Option<String>,
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Write the recorded client response here (to compare with the router's).
    #[arg(long)]
    response_out: Option<PathBuf>,
    /// Write the plan as JSON here.
    #[arg(long)]
    plan_out: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let sdl = std::fs::read_to_string(&args.supergraph)
        .with_context(|| format!("reading {}", args.supergraph.display()))?;
    let query = std::fs::read_to_string(&args.query)
        .with_context(|| format!("reading {}", args.query.display()))?;
    let client = baseline::client()?;
    let recording = baseline::record(&sdl, &query, args.operation_name.as_deref(), &client).await?;
    if let Some(path) = &args.response_out {
        std::fs::write(path, &recording.response)?;
    }
    if let Some(path) = &args.plan_out {
        std::fs::write(path, serde_json::to_vec_pretty(&recording.plan)?)?;
    }
    let replayer = baseline::Replayer::new(&recording, client)?;
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    println!(
        "baseline=http://{}/graphql fetches={} response_bytes={}",
        listener.local_addr()?,
        recording.fetch_count(),
        recording.response.len()
    );
    axum::serve(listener, baseline::app(replayer)).await?;
    Ok(())
}
