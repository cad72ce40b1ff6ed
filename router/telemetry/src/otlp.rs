//! The OpenTelemetry tracer provider: the configured sampler, and an OTLP batch exporter when
//! an endpoint is configured (`telemetry.tracing.otlp` or `OTEL_EXPORTER_OTLP_*`). The exporter
//! and the endpoint rules are `telemetry-otlp`'s, shared with the subgraph services.

use std::time::Duration;

use opentelemetry::KeyValue;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{Sampler, SdkTracerProvider};
use telemetry_otlp::{OnOwnRuntime, Protocol};

use router_config::{OtlpProtocol, SamplerConfig, TracingConfig};

use crate::error::TelemetryError;

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
    let protocol = config.otlp.protocol.map(|protocol| match protocol {
        OtlpProtocol::Http => Protocol::Http,
        OtlpProtocol::Grpc => Protocol::Grpc,
    });
    let target = telemetry_otlp::target(config.otlp.endpoint.as_deref(), protocol, env)?;
    Ok(target.map(|target| OtlpTarget {
        protocol: match target.protocol {
            Protocol::Http => OtlpProtocol::Http,
            Protocol::Grpc => OtlpProtocol::Grpc,
        },
        url: target.url,
    }))
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
    let target = telemetry_otlp::Target {
        protocol: match target.protocol {
            OtlpProtocol::Http => Protocol::Http,
            OtlpProtocol::Grpc => Protocol::Grpc,
        },
        url: target.url.clone(),
    };
    let exporter = OnOwnRuntime::build(&target, timeout)?;
    Ok(builder.with_batch_exporter(exporter).build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use router_config::TracingConfig;

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
