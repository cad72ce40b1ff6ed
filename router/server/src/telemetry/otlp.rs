//! The OpenTelemetry tracer provider: the configured sampler, and an OTLP batch exporter when
//! an endpoint is configured (`telemetry.tracing.otlp` or `OTEL_EXPORTER_OTLP_*`).
//!
//! The SDK's batch processor exports from a thread of its own, outside any Tokio runtime,
//! while the OTLP clients (reqwest, tonic) need one; [`OnOwnRuntime`] gives the exporter a
//! small runtime of its own, so exports never depend on (or block) the server's runtime.

use std::time::Duration;

use opentelemetry::KeyValue;
use opentelemetry_otlp::{Protocol, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{Sampler, SdkTracerProvider, SpanData, SpanExporter};

use super::TelemetryError;
use crate::config::{OtlpProtocol, SamplerConfig, TracingConfig};

/// Where and how spans are exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtlpTarget {
    pub protocol: OtlpProtocol,
    /// The full URL spans are sent to (for HTTP, including `/v1/traces`).
    pub url: String,
}

/// The export target from the configuration, else from the standard `OTEL_EXPORTER_OTLP_*`
/// variables (`env` reads one); `None` when neither names an endpoint.
pub fn target(
    config: &TracingConfig,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<OtlpTarget>, TelemetryError> {
    let env = |name: &str| env(name).filter(|value| !value.trim().is_empty());
    let protocol = match config.otlp.protocol {
        Some(protocol) => protocol,
        None => match env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
            .or_else(|| env("OTEL_EXPORTER_OTLP_PROTOCOL"))
            .as_deref()
            .map(str::trim)
        {
            None | Some("http/protobuf") => OtlpProtocol::Http,
            Some("grpc") => OtlpProtocol::Grpc,
            Some(other) => return Err(TelemetryError::UnsupportedProtocol(other.to_owned())),
        },
    };
    // A signal-specific endpoint is the full URL; the general one is a base URL.
    let (endpoint, is_base) = match (
        &config.otlp.endpoint,
        env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
    ) {
        (Some(endpoint), _) => (endpoint.trim().to_owned(), true),
        (None, Some(endpoint)) => (endpoint.trim().to_owned(), false),
        (None, None) => match env("OTEL_EXPORTER_OTLP_ENDPOINT") {
            Some(endpoint) => (endpoint.trim().to_owned(), true),
            None => return Ok(None),
        },
    };
    let url = if protocol == OtlpProtocol::Http && is_base && !endpoint.ends_with("/v1/traces") {
        format!("{}/v1/traces", endpoint.trim_end_matches('/'))
    } else {
        endpoint
    };
    Ok(Some(OtlpTarget { protocol, url }))
}

pub fn sampler(config: &SamplerConfig) -> Sampler {
    let root = if config.ratio >= 1.0 {
        Sampler::AlwaysOn
    } else if config.ratio <= 0.0 || config.ratio.is_nan() {
        Sampler::AlwaysOff
    } else {
        Sampler::TraceIdRatioBased(config.ratio)
    };
    if config.parent_based {
        Sampler::ParentBased(Box::new(root))
    } else {
        root
    }
}

/// `service.name` (`OTEL_SERVICE_NAME` wins over `config`) and `service.version`.
pub fn resource(service_name: &str, version: &'static str) -> Resource {
    let name = std::env::var("OTEL_SERVICE_NAME")
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| service_name.to_owned());
    Resource::builder()
        .with_service_name(name)
        .with_attribute(KeyValue::new("service.version", version))
        .build()
}

/// The provider behind the tracing layer: it always makes span ids (trace context propagates
/// with or without export), and exports to `target` when there is one.
pub fn provider(
    config: &TracingConfig,
    target: Option<&OtlpTarget>,
    timeout: Duration,
) -> Result<SdkTracerProvider, TelemetryError> {
    let builder = SdkTracerProvider::builder()
        .with_sampler(sampler(&config.sampler))
        .with_resource(resource(&config.service_name, env!("CARGO_PKG_VERSION")));
    let Some(target) = target else {
        return Ok(builder.build());
    };
    let exporter = OnOwnRuntime::build(target, timeout)?;
    Ok(builder.with_batch_exporter(exporter).build())
}

/// An OTLP exporter driven by a Tokio runtime of its own (see the module docs).
#[derive(Debug)]
pub struct OnOwnRuntime {
    inner: opentelemetry_otlp::SpanExporter,
    runtime: tokio::runtime::Runtime,
}

impl OnOwnRuntime {
    pub fn build(target: &OtlpTarget, timeout: Duration) -> Result<Self, TelemetryError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(TelemetryError::Runtime)?;
        // tonic's channel spawns its worker on the runtime it is built in.
        let _entered = runtime.enter();
        let inner = match target.protocol {
            OtlpProtocol::Http => opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(Protocol::HttpBinary)
                .with_endpoint(&target.url)
                .with_timeout(timeout)
                .build(),
            OtlpProtocol::Grpc => opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .with_endpoint(&target.url)
                .with_timeout(timeout)
                .build(),
        }
        .map_err(|source| TelemetryError::Exporter {
            url: target.url.clone(),
            reason: source.to_string(),
        })?;
        drop(_entered);
        Ok(Self { inner, runtime })
    }
}

impl SpanExporter for OnOwnRuntime {
    fn export(&self, batch: Vec<SpanData>) -> impl Future<Output = OTelSdkResult> + Send {
        // Called on the batch processor's own thread, never inside a runtime.
        let result = self.runtime.block_on(self.inner.export(batch));
        std::future::ready(result)
    }

    fn shutdown_with_timeout(&mut self, timeout: Duration) -> OTelSdkResult {
        self.inner.shutdown_with_timeout(timeout)
    }

    fn force_flush(&mut self) -> OTelSdkResult {
        self.inner.force_flush()
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.inner.set_resource(resource);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::TracingConfig;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn no_endpoint_means_no_export() {
        assert_eq!(target(&TracingConfig::default(), env(&[])).unwrap(), None);
    }

    #[test]
    fn the_standard_variables_name_an_http_collector_by_default() {
        let target = target(
            &TracingConfig::default(),
            env(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(target.protocol, OtlpProtocol::Http);
        assert_eq!(target.url, "http://collector:4318/v1/traces");
    }

    #[test]
    fn the_configuration_wins_and_grpc_urls_are_kept() {
        let mut config = TracingConfig::default();
        config.otlp.endpoint = Some("http://tempo:4317".into());
        config.otlp.protocol = Some(OtlpProtocol::Grpc);
        let target = target(
            &config,
            env(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://elsewhere:4318")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(target.url, "http://tempo:4317");
        assert_eq!(target.protocol, OtlpProtocol::Grpc);
    }

    #[test]
    fn the_traces_endpoint_is_a_full_url_and_json_is_refused() {
        let target = target(
            &TracingConfig::default(),
            env(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c/custom")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(target.url, "http://c/custom");
        let error = super::target(
            &TracingConfig::default(),
            env(&[
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c"),
                ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            ]),
        )
        .unwrap_err();
        assert!(error.to_string().contains("http/json"), "{error}");
    }
}
