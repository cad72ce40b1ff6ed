//! Binding and graceful shutdown.

use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;

use crate::errors::KitError;

/// Binds `addr` (port 0 picks a free port).
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, KitError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| KitError::Bind {
            addr: addr.to_string(),
            source,
        })
}

/// Serves until SIGTERM or Ctrl-C, letting in-flight requests finish.
pub async fn serve(service: &str, listener: TcpListener, app: Router) -> Result<(), KitError> {
    let addr = listener.local_addr().map_err(KitError::Serve)?;
    tracing::info!(%service, "listening on http://{addr}/graphql");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(KitError::Serve)?;
    tracing::info!(%service, "stopped");
    // Off the runtime's worker: the export blocks until the collector answers (or times out).
    let _ = tokio::task::spawn_blocking(crate::telemetry::shutdown).await;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
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
