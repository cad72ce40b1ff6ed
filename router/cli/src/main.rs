//! The `router` binary.

mod check_command;
mod compose_command;
mod config_command;
mod plan_command;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "router", version, about = "GraphQL federation router")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the query plan of an operation against a supergraph.
    Plan(plan_command::PlanArgs),
    /// Compose subgraph schemas (rover's `supergraph.yaml` format) into a supergraph.
    Compose(compose_command::ComposeArgs),
    /// Check proposed subgraph schemas: composition errors, breaking changes, broken operations.
    Check(check_command::CheckArgs),
    /// Serve the supergraph over HTTP: GraphQL at /graphql, the playground at /, /health.
    Serve(router_server::ServeArgs),
    /// The router.yaml configuration: `schema` (JSON Schema), `validate FILE...`, `default`.
    Config(config_command::ConfigArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Plan(args) => println!("{}", plan_command::run(&args)?),
        Command::Compose(args) => compose_command::run(&args)?,
        Command::Check(args) => std::process::exit(check_command::run(&args)),
        Command::Serve(args) => router_server::serve::run_blocking(args)?,
        Command::Config(args) => config_command::run(&args)?,
    }
    Ok(())
}
