//! Logs and traces for service binaries.
//!
//! Logs: text or JSON lines (`LOG_FORMAT`), `RUST_LOG` overriding the default `info`.
//! Traces: every request gets a server span that continues the caller's W3C `traceparent`
//! (the router sends its fetch span's), so a subgraph's work joins the router's trace; spans
//! are exported over OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (`OTEL_EXPORTER_OTLP_PROTOCOL`
//! `http/protobuf`, the default, or `grpc`), with `service.name` = the service's name.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use axum::http::{HeaderMap, HeaderName, Request};
use opentelemetry::KeyValue;
use opentelemetry::propagation::{Extractor, TextMapPropagator};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use telemetry_otlp::{OnOwnRuntime, Protocol, Target};
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::KitError;
use crate::config::LogFormat;

/// Where spans go: OTLP over HTTP (protobuf) or gRPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    /// The full URL, `/v1/traces` included.
    Http(String),
    Grpc(String),
}

impl Export {
    /// From the standard `OTEL_EXPORTER_OTLP_*` variables (`env` reads one), read as the
    /// router reads them (`telemetry-otlp`).
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, KitError> {
        let target = telemetry_otlp::target(None, None, env)
            .map_err(|error| KitError::Telemetry(error.to_string()))?;
        Ok(target.map(|target| match target.protocol {
            Protocol::Http => Self::Http(target.url),
            Protocol::Grpc => Self::Grpc(target.url),
        }))
    }

    fn target(&self) -> Target {
        let (protocol, url) = match self {
            Self::Http(url) => (Protocol::Http, url),
            Self::Grpc(url) => (Protocol::Grpc, url),
        };
        Target {
            protocol,
            url: url.clone(),
        }
    }
}

/// The installed provider, shut down (queued spans exported) by [`shutdown`].
static PROVIDER: Mutex<Option<SdkTracerProvider>> = Mutex::new(None);

/// Installs the global subscriber, exporting spans when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.
pub fn init(format: LogFormat, service: &str) -> Result<(), KitError> {
    let export = Export::from_env(|name| std::env::var(name).ok())?;
    init_with(format, service, export.as_ref())
}

/// [`init`] with an explicit export target. A second call in the same process (tests, several
/// services in one process) keeps the first subscriber.
pub fn init_with(
    format: LogFormat,
    service: &str,
    export: Option<&Export>,
) -> Result<(), KitError> {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    if INSTALLED.get().is_some() {
        return Ok(());
    }
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let resource = Resource::builder()
        .with_service_name(service.to_owned())
        .with_attribute(KeyValue::new("service.version", env!("CARGO_PKG_VERSION")))
        .build();
    let mut provider = SdkTracerProvider::builder().with_resource(resource);
    if let Some(export) = export {
        let exporter = OnOwnRuntime::build(&export.target(), Duration::from_secs(10))
            .map_err(|error| KitError::Telemetry(format!("OTLP exporter: {error}")))?;
        provider = provider.with_batch_exporter(exporter);
    }
    let provider = provider.build();
    let logs = match format {
        LogFormat::Text => fmt::layer().boxed(),
        LogFormat::Json => fmt::layer().json().flatten_event(true).boxed(),
    };
    let traces = tracing_opentelemetry::layer()
        .with_tracer(provider.tracer(service.to_owned()))
        .with_location(false)
        .with_threads(false)
        .with_tracked_inactivity(false)
        .with_filter(LevelFilter::INFO);
    if tracing_subscriber::registry()
        .with(logs.with_filter(filter))
        .with(traces)
        .try_init()
        .is_ok()
    {
        let _ = INSTALLED.set(());
        *PROVIDER.lock().unwrap_or_else(|p| p.into_inner()) = Some(provider);
        if let Some(export) = export {
            tracing::info!(?export, "exporting traces over OTLP");
        }
    }
    Ok(())
}

/// Exports the spans still queued (blocking; call it outside async code or in
/// `spawn_blocking`).
pub fn flush() {
    if let Some(provider) = PROVIDER.lock().unwrap_or_else(|p| p.into_inner()).as_ref()
        && let Err(error) = provider.force_flush()
    {
        tracing::warn!(%error, "cannot flush spans");
    }
}

/// Exports the spans still queued and stops exporting.
pub fn shutdown() {
    let provider = PROVIDER.lock().unwrap_or_else(|p| p.into_inner()).take();
    if let Some(provider) = provider
        && let Err(error) = provider.shutdown()
    {
        tracing::warn!(%error, "cannot export the last spans");
    }
}

struct HeaderExtractor<'a>(&'a HeaderMap);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|value| value.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(HeaderName::as_str).collect()
    }
}

/// The server span of one request, a child of the caller's `traceparent` when it has one.
pub fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let path = request.uri().path();
    let span = tracing::info_span!(
        "http_request",
        otel.name = %format!("{} {path}", request.method()),
        otel.kind = "server",
        http.request.method = %request.method(),
        url.path = %path,
        request_id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    );
    let parent = TraceContextPropagator::new().extract(&HeaderExtractor(request.headers()));
    // Without the OpenTelemetry layer (tests without init) there is nothing to continue.
    let _ = span.set_parent(parent);
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn exports_only_when_an_endpoint_is_set() {
        assert_eq!(Export::from_env(env(&[])).unwrap(), None);
        assert_eq!(
            Export::from_env(env(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/")])).unwrap(),
            Some(Export::Http("http://c:4318/v1/traces".into()))
        );
        assert_eq!(
            Export::from_env(env(&[
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317"),
                ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            ]))
            .unwrap(),
            Some(Export::Grpc("http://c:4317".into()))
        );
        assert!(
            Export::from_env(env(&[
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c"),
                ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")
            ]))
            .is_err()
        );
    }
}
