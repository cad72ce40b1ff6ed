use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = subgraph_kit::config::ServiceArgs::parse();
    if args.print_sdl {
        print!("{}", reviews::sdl());
        return Ok(());
    }
    subgraph_kit::telemetry::init(args.log_format, reviews::NAME)?;
    let db = subgraph_kit::db::connect(&args.database_url_for(reviews::NAME)).await?;
    reviews::setup(&db, args.seed_size()).await?;
    let listener =
        subgraph_kit::server::bind((args.host, args.port_or(reviews::DEFAULT_PORT)).into()).await?;
    subgraph_kit::server::serve(reviews::NAME, listener, reviews::app(db)).await?;
    Ok(())
}
