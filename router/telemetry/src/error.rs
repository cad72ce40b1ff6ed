//! Why telemetry cannot be set up.

#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    #[error("telemetry.logs.level {level:?} is not a valid filter: {reason}")]
    InvalidLogLevel { level: String, reason: String },
    /// The OTLP endpoint or exporter (`telemetry-otlp`).
    #[error(transparent)]
    Otlp(#[from] telemetry_otlp::OtlpError),
}
