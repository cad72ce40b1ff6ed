//! `telemetry:` metrics, traces and logs.
//!
//! `metrics` is read per request (a reloaded file takes effect at once, except `listen`);
//! `tracing` and `logs` are read once at startup, since the global subscriber and the OTLP
//! exporter are installed before the first request.

use std::net::SocketAddr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::duration::ConfigDuration;

/// Where metrics are served unless configured otherwise.
pub const DEFAULT_METRICS_PATH: &str = "/metrics";
/// How many distinct operation names label request metrics before the rest count as `other`.
pub const DEFAULT_MAX_OPERATION_NAMES: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TelemetryConfig {
    /// Prometheus metrics.
    pub metrics: MetricsConfig,
    /// OpenTelemetry traces and W3C trace context.
    pub tracing: TracingConfig,
    /// Log lines on standard output.
    pub logs: LogsConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Serve metrics in the Prometheus text format (default true).
    pub enabled: bool,
    /// The path metrics are served at (default `/metrics`).
    pub path: String,
    /// A separate `host:port` for metrics only (default: none, metrics are served on the main
    /// listener). Read at startup.
    pub listen: Option<SocketAddr>,
    /// Distinct operation names that label request metrics (default 100); names seen after
    /// that are counted as `other`, so that clients cannot grow the number of series at will.
    pub max_operation_names: usize,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            path: DEFAULT_METRICS_PATH.to_owned(),
            listen: None,
            max_operation_names: DEFAULT_MAX_OPERATION_NAMES,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TracingConfig {
    /// The `service.name` of exported spans (default `router`; `OTEL_SERVICE_NAME` wins when
    /// set).
    pub service_name: String,
    /// Which traces are recorded and exported.
    pub sampler: SamplerConfig,
    /// Export spans over OTLP (default: only when an endpoint is configured here or in
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`).
    pub otlp: OtlpConfig,
    /// Return the router's `traceparent` on every response (default true), so a client can
    /// find its trace.
    pub propagate_response_header: bool,
}

impl Default for TracingConfig {
    fn default() -> Self {
        Self {
            service_name: "router".to_owned(),
            sampler: SamplerConfig::default(),
            otlp: OtlpConfig::default(),
            propagate_response_header: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SamplerConfig {
    /// The share of new traces recorded, from 0.0 to 1.0 (default 1.0: all).
    pub ratio: f64,
    /// Follow the caller's sampling decision (the `traceparent` sampled flag) when there is
    /// one (default true); the ratio applies to traces the router starts.
    pub parent_based: bool,
}

impl Default for SamplerConfig {
    fn default() -> Self {
        Self {
            ratio: 1.0,
            parent_based: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OtlpConfig {
    /// The collector: for `http`, its base URL (`http://collector:4318`; `/v1/traces` is
    /// appended unless present), for `grpc` its address (`http://collector:4317`). Default:
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`, else no export.
    pub endpoint: Option<String>,
    /// `http` (protobuf over HTTP) or `grpc` (default: `OTEL_EXPORTER_OTLP_PROTOCOL`, else
    /// `http`).
    pub protocol: Option<OtlpProtocol>,
    /// How long one export may take (default 10s).
    pub timeout: ConfigDuration,
}

impl Default for OtlpConfig {
    fn default() -> Self {
        Self {
            endpoint: None,
            protocol: None,
            timeout: ConfigDuration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OtlpProtocol {
    /// OTLP/HTTP with protobuf bodies (port 4318 by convention).
    Http,
    /// OTLP/gRPC (port 4317 by convention).
    Grpc,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LogsConfig {
    /// `text` or `json` (one object per line); default `text`, `json` when `LOG_FORMAT=json`
    /// or `--log-json`.
    pub format: LogFormat,
    /// The filter when `RUST_LOG` is not set, in `RUST_LOG` syntax (default `info`).
    pub level: String,
    /// One `info` line per HTTP request with its status and duration (default false: at high
    /// request rates the lines cost more than they tell; traces and metrics cover it).
    pub access: bool,
}

impl Default for LogsConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Text,
            level: "info".to_owned(),
            access: false,
        }
    }
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line: timestamp, level, message, fields, span fields.
    Json,
}
