use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = subgraph_kit::config::ServiceArgs::parse();
    if args.print_sdl {
        print!("{}", inventory::sdl());
        return Ok(());
    }
    subgraph_kit::telemetry::init(args.log_format, inventory::NAME)?;
    let db = subgraph_kit::db::connect(&args.database_url_for(inventory::NAME)).await?;
    inventory::setup(&db, args.seed_size()).await?;
    let listener =
        subgraph_kit::server::bind((args.host, args.port_or(inventory::DEFAULT_PORT)).into())
            .await?;
    subgraph_kit::server::serve(inventory::NAME, listener, inventory::app(db)).await?;
    Ok(())
}
