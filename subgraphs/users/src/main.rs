use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = subgraph_kit::config::ServiceArgs::parse();
    if args.print_sdl {
        print!("{}", users::sdl());
        return Ok(());
    }
    subgraph_kit::telemetry::init(args.log_format, users::NAME)?;
    let db = subgraph_kit::db::connect(&args.database_url_for(users::NAME)).await?;
    users::setup(&db, args.seed_size()).await?;
    let listener =
        subgraph_kit::server::bind((args.host, args.port_or(users::DEFAULT_PORT)).into()).await?;
    subgraph_kit::server::serve(users::NAME, listener, users::app(db)).await?;
    Ok(())
}
