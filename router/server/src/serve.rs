//! `router serve`: load, bind, serve until SIGTERM or Ctrl-C, drain in-flight requests.

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::config::{RouterConfig, ServeArgs, SupergraphConfig};
use crate::reload::{self, Reloader, detect::ConfigKind};
use crate::state::{AppState, RouterState};
use crate::{ServerError, supergraph_source};

/// The supergraph served when neither the flags nor the configuration name one.
pub const DEFAULT_SUPERGRAPH_PATH: &str = "schema/supergraph.graphql";

/// The configuration `args` describe: `router.yaml` (if `--config` names one) with the flags
/// on top. A `--config` naming a rover composition config instead (see [`reload::detect`])
/// means the defaults with `supergraph.compose` set to it.
pub fn load_config(args: &ServeArgs) -> Result<RouterConfig, ServerError> {
    let mut config = match &args.config {
        Some(path) => match reload::detect::kind_of_file(path)? {
            ConfigKind::Router => read_config(path)?,
            ConfigKind::Composition => RouterConfig {
                supergraph: SupergraphConfig::composing(path),
                ..RouterConfig::default()
            },
        },
        None => RouterConfig::default(),
    };
    args.apply(&mut config)?;
    Ok(config)
}

pub fn read_config(path: &Path) -> Result<RouterConfig, ServerError> {
    let text = std::fs::read_to_string(path).map_err(|source| ServerError::ReadConfig {
        path: path.to_owned(),
        source,
    })?;
    RouterConfig::from_yaml(&text, &path.display().to_string())
}

/// The supergraph file `config` names (or the default one).
pub fn supergraph_path(config: &RouterConfig) -> PathBuf {
    config
        .supergraph
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_SUPERGRAPH_PATH))
}

/// Loads the supergraph file `config` names, with URL overrides from the process environment
/// and the configuration.
pub fn load_state(config: Arc<RouterConfig>) -> Result<RouterState, ServerError> {
    let supergraph = supergraph_source::load(&supergraph_path(&config))?;
    supergraph_source::state_for(supergraph, config)
}

pub async fn bind(addr: SocketAddr) -> Result<TcpListener, ServerError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind {
            addr: addr.to_string(),
            source,
        })
}

/// Serves `state` on `listener` until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let app = crate::http::app(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServerError::Serve)
}

/// `router serve` inside an async runtime: load, bind, then serve while the [`Reloader`]
/// keeps the supergraph and the configuration current.
pub async fn run(args: ServeArgs) -> Result<(), ServerError> {
    let reloader = Reloader::start(&args)?;
    let app = reloader.app();
    let listener = bind(reloader.config().server.listen).await?;
    let addr = listener.local_addr().map_err(ServerError::Serve)?;
    tracing::info!(
        "router listening: GraphQL at http://{addr}/graphql, playground at http://{addr}/"
    );
    let reloading = tokio::spawn(reloader.run());
    let served = serve(listener, app, shutdown_signal()).await;
    reloading.abort();
    served?;
    tracing::info!("router stopped");
    Ok(())
}
/// `router serve` from a synchronous `main`: logging, runtime, [`run`].
pub fn run_blocking(args: ServeArgs) -> Result<(), ServerError> {
    init_tracing(args.log_json);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::Runtime)?
        .block_on(run(args))
}

/// Installs a global subscriber (`RUST_LOG` overrides the default `info`); a second call keeps
/// the first one.
pub fn init_tracing(json: bool) {
    use tracing_subscriber::prelude::*;
    use tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    let _ = if json {
        registry
            .with(fmt::layer().json().flatten_event(true))
            .try_init()
    } else {
        registry.with(fmt::layer()).try_init()
    };
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested, draining in-flight requests");
}
