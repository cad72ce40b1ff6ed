use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = subgraph_kit::config::ServiceArgs::parse();
    if args.print_sdl {
        print!("{}", products::sdl());
        return Ok(());
    }
    subgraph_kit::telemetry::init(args.log_format, products::NAME)?;
    let db = subgraph_kit::db::connect(&args.database_url_for(products::NAME)).await?;
    products::setup(&db, args.seed_size()).await?;
    let listener =
        subgraph_kit::server::bind((args.host, args.port_or(products::DEFAULT_PORT)).into())
            .await?;
    subgraph_kit::server::serve(products::NAME, listener, products::app(db)).await?;
    Ok(())
}
