//! `router serve`: load, bind, serve until SIGTERM or Ctrl-C, drain in-flight requests.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::config::ServeArgs;
use crate::state::RouterState;
use crate::{ServerError, supergraph_source};

/// Loads the supergraph named by `args`, with URL overrides from the process environment and
/// the flags.
pub fn load_state(args: &ServeArgs) -> Result<RouterState, ServerError> {
    let mut supergraph = supergraph_source::load(&args.supergraph)?;
    supergraph_source::apply_overrides(
        &mut supergraph,
        |name| std::env::var(name).ok(),
        &args.subgraph_urls,
    )?;
    RouterState::new(supergraph, args.server_config()?)
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
    state: Arc<RouterState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let app = crate::http::app(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServerError::Serve)
}

/// `router serve` inside an async runtime.
pub async fn run(args: ServeArgs) -> Result<(), ServerError> {
    let state = Arc::new(load_state(&args)?);
    let listener = bind(args.listen_addr()).await?;
    let addr = listener.local_addr().map_err(ServerError::Serve)?;
    for subgraph in &state.supergraph.subgraphs {
        tracing::info!(
            subgraph = %subgraph.name,
            url = subgraph.url.as_deref().unwrap_or_default(),
            "routing"
        );
    }
    tracing::info!(
        "router listening: GraphQL at http://{addr}/graphql, playground at http://{addr}/"
    );
    serve(listener, state, shutdown_signal()).await?;
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
