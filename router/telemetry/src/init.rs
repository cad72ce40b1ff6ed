//! The process's `tracing` subscriber: log lines (text or JSON) and the OpenTelemetry layer.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::filter::{FilterExt, LevelFilter, filter_fn};
use tracing_subscriber::prelude::*;
use tracing_subscriber::{EnvFilter, fmt};

use router_config::{LogFormat, TelemetryConfig};

use crate::error::TelemetryError;
use crate::otlp;

/// Keeps the tracer provider; [`TelemetryGuard::shutdown`] (or dropping it) exports the spans
/// still queued.
#[derive(Debug)]
pub struct TelemetryGuard {
    provider: Option<SdkTracerProvider>,
}

impl TelemetryGuard {
    /// Exports every finished span now (blocks; call it outside async code or in
    /// `spawn_blocking`).
    pub fn flush(&self) {
        if let Some(provider) = &self.provider
            && let Err(error) = provider.force_flush()
        {
            tracing::warn!(%error, "cannot flush spans");
        }
    }

    /// Exports the spans still queued and stops the exporter.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(error) = provider.shutdown()
        {
            tracing::warn!(%error, "cannot export the last spans");
        }
    }
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The spans log lines carry at `info`: the request id, trace id and operation live there.
const LOG_CONTEXT_SPANS: [&str; 2] = ["http_request", "graphql_request"];

/// Installs the process's global subscriber: log lines (`RUST_LOG`, else `logs.level`) in the
/// configured format, and the OpenTelemetry layer that gives every `info` span a trace context
/// (exported over OTLP when configured). A second call in the same process changes nothing
/// and returns a guard without a provider.
pub fn init(config: &TelemetryConfig) -> Result<TelemetryGuard, TelemetryError> {
    let filter = match EnvFilter::try_from_default_env() {
        Ok(filter) => filter,
        Err(_) => EnvFilter::try_new(&config.logs.level).map_err(|error| {
            TelemetryError::InvalidLogLevel {
                level: config.logs.level.clone(),
                reason: error.to_string(),
            }
        })?,
    };
    let target = otlp::target(&config.tracing, |name| std::env::var(name).ok())?;
    let provider = otlp::provider(
        &config.tracing,
        target.as_ref(),
        config.tracing.otlp.timeout.get(),
    )?;
    let logs = match config.logs.format {
        LogFormat::Text => fmt::layer().boxed(),
        LogFormat::Json => fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(true)
            .boxed(),
    };
    // Spans reach OpenTelemetry whatever RUST_LOG says about log lines.
    let traces = tracing_opentelemetry::layer()
        .with_tracer(provider.tracer("router"))
        .with_location(false)
        .with_threads(false)
        .with_tracked_inactivity(false)
        .with_filter(LevelFilter::INFO);
    // With nothing finer than `info` logged, log lines are few and need only the request's
    // context: the other spans (one per stage and per subgraph fetch, about ten a request)
    // go to OpenTelemetry only, so the log layer does not format their fields on every request
    // for lines that are never written. `debug` or finer keeps every span in log lines.
    let verbose = filter
        .max_level_hint()
        .is_none_or(|level| level > LevelFilter::INFO);
    let spans = filter_fn(move |metadata| {
        verbose || !metadata.is_span() || LOG_CONTEXT_SPANS.contains(&metadata.name())
    });
    let installed = tracing_subscriber::registry()
        .with(logs.with_filter(filter.and(spans)))
        .with(traces)
        .try_init()
        .is_ok();
    if let Some(target) = &target
        && installed
    {
        tracing::info!(url = %target.url, protocol = ?target.protocol, "exporting traces over OTLP");
    }
    Ok(TelemetryGuard {
        provider: installed.then_some(provider),
    })
}
