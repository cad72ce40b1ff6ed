//! The whole shop in one process: the five subgraphs, each on its own SQLite file under
//! `data/` (created, migrated and seeded on first start), and the router in front of them.
//! `cargo run --release`, then open the printed playground URL; Ctrl-C stops everything.

use std::future::Future;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::Parser;
use sea_orm::DatabaseConnection;
use subgraph_kit::seed::SeedSize;
use tokio::net::TcpListener;
use tokio::sync::watch;

#[derive(Debug, Parser)]
#[command(
    name = "shop",
    about = "The five subgraphs and the router in one process"
)]
struct Args {
    /// Address every server binds.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    host: IpAddr,

    /// The router's port (0 picks a free one).
    #[arg(long, env = "ROUTER_PORT", default_value_t = 4000)]
    port: u16,

    /// Port of the first subgraph, the others following in the order users, products,
    /// inventory, reviews, carts; 0 gives each a free port. Default: each one's own port
    /// (4001-4005).
    #[arg(long)]
    subgraph_base_port: Option<u16>,

    /// Folder for the subgraphs' SQLite files (`<name>.db`).
    #[arg(long, env = "DATA_DIR", default_value = "data")]
    data_dir: String,

    /// Multiplies the seed data size (1 = 1,000 users, 10,000 products, 50,000 reviews).
    #[arg(long, env = "SEED_SCALE", default_value_t = 1.0)]
    seed_scale: f64,

    /// The supergraph to serve; composed from the subgraphs at startup when the file is missing.
    #[arg(
        long,
        env = "SUPERGRAPH_PATH",
        default_value = "schema/supergraph.graphql"
    )]
    supergraph: std::path::PathBuf,

    /// Refuse `__schema` and `__type` queries.
    #[arg(long)]
    no_introspection: bool,

    /// Where the playground loads its scripts from (self-host them to work offline).
    #[arg(long, env = "PLAYGROUND_ASSETS_URL", default_value = router_server::config::DEFAULT_PLAYGROUND_ASSETS_URL)]
    playground_assets_url: String,
}

/// The client headers the shop's subgraphs read (the router forwards none unless told to).
const SUBGRAPH_HEADERS: &[&str] = &["x-user-id", "authorization"];

type SetupFuture = Pin<Box<dyn Future<Output = Result<()>> + Send>>;

/// What the stack needs of each subgraph crate.
struct Service {
    name: &'static str,
    default_port: u16,
    setup: fn(DatabaseConnection, SeedSize) -> SetupFuture,
    app: fn(DatabaseConnection) -> axum::Router,
    sdl: fn() -> String,
}

macro_rules! service {
    ($krate:ident) => {
        Service {
            name: $krate::NAME,
            default_port: $krate::DEFAULT_PORT,
            setup: |db, size| {
                Box::pin(async move {
                    $krate::setup(&db, size)
                        .await
                        .with_context(|| format!("preparing the {} database", $krate::NAME))
                })
            },
            app: $krate::app,
            sdl: $krate::sdl,
        }
    };
}

fn services() -> [Service; 5] {
    [
        service!(users),
        service!(products),
        service!(inventory),
        service!(reviews),
        service!(carts),
    ]
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let _telemetry =
        router_server::telemetry::init(&router_server::config::TelemetryConfig::default())?;
    if !(args.seed_scale.is_finite() && args.seed_scale > 0.0) {
        bail!("--seed-scale must be a positive number");
    }
    let size = SeedSize::scaled(args.seed_scale);
    let (stop, stopped) = watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();

    // Databases first, all at once: seeding is the slow part of a first start.
    let services = services();
    let mut prepared = Vec::new();
    for service in &services {
        let url = subgraph_kit::db::default_sqlite_url(&args.data_dir, service.name);
        let db = subgraph_kit::db::connect(&url)
            .await
            .with_context(|| format!("opening {url}"))?;
        prepared.push(((service.setup)(db.clone(), size), db));
    }
    tracing::info!(
        "preparing the databases under {}/ (the first start seeds them)",
        args.data_dir
    );
    let mut dbs = Vec::new();
    for (setup, db) in prepared {
        dbs.push(db);
        tasks.spawn(setup);
    }
    while let Some(result) = tasks.join_next().await {
        result.context("a database setup task panicked")??;
    }

    let mut urls = Vec::new();
    for (index, (service, db)) in services.iter().zip(dbs).enumerate() {
        let port = match args.subgraph_base_port {
            None => service.default_port,
            Some(0) => 0,
            Some(base) => base
                .checked_add(u16::try_from(index)?)
                .context("--subgraph-base-port is too high")?,
        };
        let listener = bind(SocketAddr::new(args.host, port), service.name).await?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}/graphql");
        tracing::info!(subgraph = service.name, %url, "subgraph listening");
        urls.push((service.name, url));
        let app = (service.app)(db);
        let shutdown = wait_for(stopped.clone());
        let name = service.name;
        tasks.spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
                .with_context(|| format!("the {name} subgraph failed"))
        });
    }

    let supergraph = load_supergraph(&args.supergraph, &services, &urls)?;
    let mut config = router_server::RouterConfig {
        introspection: !args.no_introspection,
        // A local development stack: subgraph error messages are what developers debug with.
        errors: router_server::config::ErrorsConfig::pass_through(),
        ..router_server::RouterConfig::default()
    };
    config.playground.assets_url = args.playground_assets_url.clone();
    // The subgraphs read the signed-in user from x-user-id; nothing else reaches them.
    config.headers = router_server::config::HeadersConfig::propagating(SUBGRAPH_HEADERS);
    for (name, url) in &urls {
        config.subgraphs.entry(name).url = Some(url.clone());
    }
    let mut supergraph = supergraph;
    router_server::supergraph_source::apply_overrides(
        &mut supergraph,
        |_| None,
        &config.subgraphs,
    )?;
    let state = router_server::AppState::ready(router_server::RouterState::new(
        supergraph,
        Arc::new(config),
    )?);
    let listener = bind(SocketAddr::new(args.host, args.port), "router").await?;
    let addr = listener.local_addr()?;
    tasks.spawn(async move {
        router_server::serve::serve(listener, state, wait_for(stopped))
            .await
            .context("the router failed")
    });
    // Not println!: a closed stdout must not bring the stack down.
    let _ = writeln!(
        std::io::stdout(),
        "\n  Playground: http://{addr}/\n  GraphQL:    http://{addr}/graphql\n  Ctrl-C stops everything.\n"
    );

    // Stop on Ctrl-C / SIGTERM, or as soon as any server fails.
    let outcome = tokio::select! {
        () = router_server::serve::shutdown_signal() => Ok(()),
        Some(result) = tasks.join_next() => match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(error),
            Err(panic) => Err(anyhow::anyhow!("a server task panicked: {panic}")),
        },
    };
    let _ = stop.send(true);
    while let Some(result) = tasks.join_next().await {
        if let Ok(Err(error)) = result {
            tracing::error!("{error:#}");
        }
    }
    tracing::info!("stopped");
    outcome
}

async fn bind(addr: SocketAddr, what: &str) -> Result<TcpListener> {
    TcpListener::bind(addr).await.with_context(|| {
        format!("{what}: cannot bind {addr} (is another copy running? try --port 0 / --subgraph-base-port 0)")
    })
}

async fn wait_for(mut stopped: watch::Receiver<bool>) {
    // An error means the sender is gone: stop as well.
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// The checked-in supergraph, or one composed now from the subgraphs' own SDL when the file
/// does not exist yet.
fn load_supergraph(
    path: &std::path::Path,
    services: &[Service],
    urls: &[(&str, String)],
) -> Result<supergraph::Supergraph> {
    if path.exists() {
        tracing::info!("serving the supergraph {}", path.display());
        return Ok(router_server::supergraph_source::load(path)?);
    }
    tracing::warn!(
        "{} does not exist: composing the supergraph from the running subgraphs' SDL",
        path.display()
    );
    let inputs: Vec<composition::SubgraphSdl> = services
        .iter()
        .zip(urls)
        .map(|(service, (_, url))| {
            composition::SubgraphSdl::new(service.name, url, (service.sdl)())
        })
        .collect();
    let composed = composition::compose(&inputs).map_err(|diagnostics| {
        anyhow::anyhow!("composition failed:\n{}", composition::render(&diagnostics))
    })?;
    Ok(router_server::supergraph_source::parse(
        &composed.sdl,
        "composed supergraph",
    )?)
}
