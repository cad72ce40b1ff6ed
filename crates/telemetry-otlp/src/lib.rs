//! The OpenTelemetry span export the router and the subgraph services share: where spans go
//! ([`target`], from the configuration else the standard `OTEL_EXPORTER_OTLP_*` variables) and an
//! OTLP exporter that runs on a Tokio runtime of its own ([`OnOwnRuntime`]).
//!
//! The SDK's batch processor exports from a thread of its own, outside any Tokio runtime,
//! while the OTLP clients (reqwest, tonic) need one; [`OnOwnRuntime`] gives the exporter a
//! small runtime of its own, so exports never depend on (or block) the server's runtime.

use std::time::Duration;

use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::error::OTelSdkResult;
use opentelemetry_sdk::trace::{SpanData, SpanExporter};

/// How spans travel to the collector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// OTLP over HTTP, protobuf bodies (`http/protobuf`).
    Http,
    /// OTLP over gRPC (`grpc`).
    Grpc,
}

/// Where and how spans are exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub protocol: Protocol,
    /// The full URL spans are sent to (for HTTP, including `/v1/traces`).
    pub url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OtlpError {
    #[error(
        "OTLP protocol {0:?} is not supported: use grpc or http/protobuf (OTEL_EXPORTER_OTLP_PROTOCOL)"
    )]
    UnsupportedProtocol(String),
    #[error("cannot set up the OTLP exporter for {url}: {reason}")]
    Exporter { url: String, reason: String },
    #[error("cannot start the OTLP exporter's runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

/// The export target: `endpoint` and `protocol` given by the program's own configuration win,
/// else the standard `OTEL_EXPORTER_OTLP_*` variables (`env` reads one); `None` when neither
/// names an endpoint. The signal-specific `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is the full URL;
/// the configured and the general endpoints are base URLs, to which HTTP adds `/v1/traces`.
pub fn target(
    endpoint: Option<&str>,
    protocol: Option<Protocol>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Target>, OtlpError> {
    let env = |name: &str| env(name).filter(|value| !value.trim().is_empty());
    let protocol = match protocol {
        Some(protocol) => protocol,
        None => match env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
            .or_else(|| env("OTEL_EXPORTER_OTLP_PROTOCOL"))
            .as_deref()
            .map(str::trim)
        {
            None | Some("http/protobuf") => Protocol::Http,
            Some("grpc") => Protocol::Grpc,
            Some(other) => return Err(OtlpError::UnsupportedProtocol(other.to_owned())),
        },
    };
    let (endpoint, is_base) = match (endpoint, env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
        (Some(endpoint), _) => (endpoint.trim().to_owned(), true),
        (None, Some(endpoint)) => (endpoint.trim().to_owned(), false),
        (None, None) => match env("OTEL_EXPORTER_OTLP_ENDPOINT") {
            Some(endpoint) => (endpoint.trim().to_owned(), true),
            None => return Ok(None),
        },
    };
    let url = if protocol == Protocol::Http && is_base && !endpoint.ends_with("/v1/traces") {
        format!("{}/v1/traces", endpoint.trim_end_matches('/'))
    } else {
        endpoint
    };
    Ok(Some(Target { protocol, url }))
}

/// An OTLP exporter driven by a Tokio runtime of its own (see the crate docs).
#[derive(Debug)]
pub struct OnOwnRuntime {
    inner: opentelemetry_otlp::SpanExporter,
    runtime: tokio::runtime::Runtime,
}

impl OnOwnRuntime {
    /// An exporter to `target` that gives up on a batch after `timeout`.
    pub fn build(target: &Target, timeout: Duration) -> Result<Self, OtlpError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(OtlpError::Runtime)?;
        // tonic's channel spawns its worker on the runtime it is built in.
        let entered = runtime.enter();
        let inner = match target.protocol {
            Protocol::Http => opentelemetry_otlp::SpanExporter::builder()
                .with_http()
                .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
                .with_endpoint(&target.url)
                .with_timeout(timeout)
                .build(),
            Protocol::Grpc => opentelemetry_otlp::SpanExporter::builder()
                .with_tonic()
                .with_endpoint(&target.url)
                .with_timeout(timeout)
                .build(),
        }
        .map_err(|source| OtlpError::Exporter {
            url: target.url.clone(),
            reason: source.to_string(),
        })?;
        drop(entered);
        Ok(Self { inner, runtime })
    }
}

impl SpanExporter for OnOwnRuntime {
    fn export(&self, batch: Vec<SpanData>) -> impl Future<Output = OTelSdkResult> + Send {
        // Called on the batch processor's own thread, never inside a runtime.
        std::future::ready(self.runtime.block_on(self.inner.export(batch)))
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

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn a_full_traces_url_is_not_extended() {
        let target = target(
            None,
            None,
            env(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/v1/traces")]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(target.url, "http://c:4318/v1/traces");
        assert_eq!(target.protocol, Protocol::Http);
    }
}
