//! Observability: Prometheus [`metrics`], OpenTelemetry traces with W3C trace context
//! ([`propagation`], exported by [`otlp`] through `telemetry-otlp`), and logs (text or JSON
//! lines, [`init`]) carrying each request's [`request_id`] and trace id. The server's HTTP layer
//! ties them to requests. docs/observability.md is the operator's view.

mod error;
mod init;
pub mod metrics;
pub mod operation_names;
pub mod otlp;
pub mod propagation;
pub mod random;
pub mod request_id;

pub use error::TelemetryError;
pub use init::{TelemetryGuard, init};
pub use metrics::{Metrics, Outcome};
pub use random::random_u64;
pub use request_id::RequestId;
