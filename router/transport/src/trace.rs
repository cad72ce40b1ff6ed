//! W3C trace context: the client's `traceparent`, or a new trace, continued by every subgraph
//! fetch with a span id of its own.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName};
use router_telemetry::random_u64;

pub const TRACEPARENT: HeaderName = HeaderName::from_static("traceparent");

/// A W3C `traceparent`: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceParent {
    pub trace_id: u128,
    pub parent_id: u64,
    pub flags: u8,
}

impl TraceParent {
    /// The client's `traceparent`, when present and valid.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        Self::parse(headers.get(TRACEPARENT)?.to_str().ok()?)
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.trim().split('-');
        let (version, trace, parent, flags) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        // Version 00 has exactly four parts; later versions may append more.
        if version.len() != 2
            || version == "ff"
            || (version == "00" && parts.next().is_some())
            || trace.len() != 32
            || parent.len() != 16
            || flags.len() != 2
            || ![version, trace, parent, flags].iter().all(|p| {
                p.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            })
        {
            return None;
        }
        let trace_id = u128::from_str_radix(trace, 16).ok()?;
        let parent_id = u64::from_str_radix(parent, 16).ok()?;
        let flags = u8::from_str_radix(flags, 16).ok()?;
        // All-zero ids are invalid per the spec.
        (trace_id != 0 && parent_id != 0).then_some(Self {
            trace_id,
            parent_id,
            flags,
        })
    }

    /// A new sampled trace.
    pub fn generate() -> Self {
        let high = u128::from(random_u64());
        let low = u128::from(random_u64());
        Self {
            trace_id: ((high << 64) | low).max(1),
            parent_id: random_u64().max(1),
            flags: 0x01,
        }
    }

    /// The same trace with a new span id: what one subgraph fetch sends.
    pub fn child(&self) -> Self {
        Self {
            parent_id: random_u64().max(1),
            ..*self
        }
    }

    pub fn trace_id_hex(&self) -> String {
        format!("{:032x}", self.trace_id)
    }
}

impl fmt::Display for TraceParent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "00-{:032x}-{:016x}-{:02x}",
            self.trace_id, self.parent_id, self.flags
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_w3c_example() {
        let raw = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let parsed = TraceParent::parse(raw).expect("valid traceparent");
        assert_eq!(parsed.to_string(), raw);
        let child = parsed.child();
        assert_eq!(child.trace_id, parsed.trace_id);
        assert_ne!(child.parent_id, parsed.parent_id);
    }

    #[test]
    fn rejects_malformed_values() {
        for raw in [
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        ] {
            assert_eq!(TraceParent::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn generated_traces_differ() {
        assert_ne!(TraceParent::generate(), TraceParent::generate());
    }
}
