//! `router serve`: load, bind, serve until SIGTERM or Ctrl-C, drain in-flight requests.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::error::ServerError;
use crate::reload::Reloader;
use crate::state::{AppState, RouterState};
use crate::supergraph_source;
use router_config::{RouterConfig, ServeArgs};

pub use crate::config_file::{DEFAULT_SUPERGRAPH_PATH, load_config, read_config, supergraph_path};

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
    let metrics = &reloader.config().telemetry.metrics;
    if let Some(addr) = metrics.listen {
        serve_metrics(addr, app.clone(), &metrics.path).await?;
    }
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
/// Serves metrics alone on `addr` (`telemetry.metrics.listen`) until the process ends.
async fn serve_metrics(
    addr: SocketAddr,
    app: Arc<AppState>,
    path: &str,
) -> Result<(), ServerError> {
    let listener = bind(addr).await?;
    let bound = listener.local_addr().map_err(ServerError::Serve)?;
    tracing::info!("metrics at http://{bound}{path}");
    let metrics = crate::http::telemetry::metrics_app(app, path);
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, metrics).await {
            tracing::error!(%error, "the metrics listener failed");
        }
    });
    Ok(())
}

/// `router serve` from a synchronous `main`: telemetry (logs, traces), runtime, [`run`]; the
/// spans still queued are exported before returning.
pub fn run_blocking(args: ServeArgs) -> Result<(), ServerError> {
    let telemetry = router_telemetry::init(&load_config(&args)?.telemetry)?;
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServerError::Runtime)?
        .block_on(run(args));
    if let Err(error) = &result {
        tracing::error!(%error, "router serve failed");
    }
    telemetry.shutdown();
    result
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
