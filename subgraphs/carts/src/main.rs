use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = subgraph_kit::config::ServiceArgs::parse();
    if args.print_sdl {
        print!("{}", carts::sdl());
        return Ok(());
    }
    subgraph_kit::telemetry::init(args.log_format, carts::NAME)?;
    let db = subgraph_kit::db::connect(&args.database_url_for(carts::NAME)).await?;
    carts::setup(&db, args.seed_size()).await?;
    let listener =
        subgraph_kit::server::bind((args.host, args.port_or(carts::DEFAULT_PORT)).into()).await?;
    subgraph_kit::server::serve(carts::NAME, listener, carts::app(db)).await?;
    Ok(())
}
