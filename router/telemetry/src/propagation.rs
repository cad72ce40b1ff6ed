//! W3C trace context (`traceparent`, `tracestate`) between HTTP headers and the OpenTelemetry
//! context of `tracing` spans.
//!
//! Everything here needs the OpenTelemetry layer of [`crate::init`]; without it (the router
//! used as a library without telemetry) spans have no OpenTelemetry context, the functions
//! return `None`/`false`, and the transport falls back to its own `traceparent`.

use http::{HeaderMap, HeaderName, HeaderValue};
use opentelemetry::Context;
use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::TraceContextExt;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use tracing_opentelemetry::OpenTelemetrySpanExt;

struct HeaderExtractor<'a>(&'a HeaderMap);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|value| value.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(HeaderName::as_str).collect()
    }
}

struct HeaderInjector<'a>(&'a mut HeaderMap);

impl Injector for HeaderInjector<'_> {
    fn set(&mut self, key: &str, value: String) {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(key),
            HeaderValue::try_from(value.as_str()),
        ) {
            self.0.insert(name, value);
        }
    }
}

/// The caller's trace context, if its headers carry a valid one.
pub fn extract(headers: &HeaderMap) -> Context {
    TraceContextPropagator::new().extract(&HeaderExtractor(headers))
}

/// Makes `span` continue the caller's trace (before the span is first entered). False when
/// the headers carry no valid context or the OpenTelemetry layer is not installed.
pub fn continue_trace(span: &tracing::Span, headers: &HeaderMap) -> bool {
    let parent = extract(headers);
    parent.span().span_context().is_valid() && span.set_parent(parent).is_ok()
}

/// Writes `span`'s context as `traceparent` (and `tracestate`) into `headers`; false when the
/// span has no OpenTelemetry context.
pub fn inject(span: &tracing::Span, headers: &mut HeaderMap) -> bool {
    let context = span.context();
    if !context.span().span_context().is_valid() {
        return false;
    }
    TraceContextPropagator::new().inject_context(&context, &mut HeaderInjector(headers));
    true
}

/// `span`'s trace id in hex, if it has an OpenTelemetry context.
pub fn trace_id(span: &tracing::Span) -> Option<String> {
    let context = span.context();
    let span_context = context.span().span_context().clone();
    span_context
        .is_valid()
        .then(|| span_context.trace_id().to_string())
}
