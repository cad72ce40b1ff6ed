//! Serves the four bench subgraphs in one process and prints `name=url` per line once they
//! listen (port 0 picks free ports).

use std::io::Write;
use std::net::{IpAddr, SocketAddr};

use bench_subgraphs::Subgraph;
use clap::Parser;

#[derive(Parser)]
#[command(about = "In-memory subgraphs for the router load benchmark")]
struct Args {
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    #[arg(long, default_value_t = 0)]
    users_port: u16,
    #[arg(long, default_value_t = 0)]
    products_port: u16,
    #[arg(long, default_value_t = 0)]
    inventory_port: u16,
    #[arg(long, default_value_t = 0)]
    reviews_port: u16,
    /// Print each subgraph's SDL instead of serving.
    #[arg(long)]
    print_sdl: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.print_sdl {
        for subgraph in Subgraph::ALL {
            println!("# {}\n{}", subgraph.name(), subgraph.sdl());
        }
        return Ok(());
    }
    let addr = |port| SocketAddr::new(args.host, port);
    let running = bench_subgraphs::start(&[
        (Subgraph::Users, addr(args.users_port)),
        (Subgraph::Products, addr(args.products_port)),
        (Subgraph::Inventory, addr(args.inventory_port)),
        (Subgraph::Reviews, addr(args.reviews_port)),
    ])
    .await?;
    let mut stdout = std::io::stdout().lock();
    for (subgraph, url) in &running.urls {
        writeln!(stdout, "{}={url}", subgraph.name())?;
    }
    stdout.flush()?;
    drop(stdout);
    shutdown_signal().await;
    drop(running);
    Ok(())
}

async fn shutdown_signal() {
    let mut terminate =
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = terminate.recv() => {},
    }
}
