//! The request id: the client's `x-request-id` when it is a sane token, else a new one. It is
//! a field of the request's span (so every log line of the request carries it), echoed in the
//! response and forwarded to subgraphs.

use http::{HeaderMap, HeaderName, HeaderValue};

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Longer client ids are replaced (they would bloat every log line).
pub const MAX_LEN: usize = 128;

/// A request id that is safe to log and to send as a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// The client's id if sane, else a new one.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        headers
            .get(X_REQUEST_ID)
            .and_then(|value| value.to_str().ok())
            .and_then(Self::parse)
            .unwrap_or_else(Self::generate)
    }

    /// Letters, digits and `-_.:/+=@` (UUIDs, ULIDs, base64 and most tracer ids), at most
    /// [`MAX_LEN`] bytes: nothing that could break a log line or a header.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let sane = !raw.is_empty()
            && raw.len() <= MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=@".contains(&b));
        sane.then(|| Self(raw.to_owned()))
    }

    /// 32 random hex digits.
    pub fn generate() -> Self {
        Self(format!(
            "{:016x}{:016x}",
            crate::random::random_u64(),
            crate::random::random_u64()
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn header_value(&self) -> HeaderValue {
        // parse() and generate() only admit visible ASCII.
        HeaderValue::from_str(&self.0).expect("request ids are visible ASCII")
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_sane_client_id() {
        let mut headers = HeaderMap::new();
        headers.insert(X_REQUEST_ID, "req-42.a:b".parse().unwrap());
        assert_eq!(RequestId::from_headers(&headers).as_str(), "req-42.a:b");
    }

    #[test]
    fn replaces_unsafe_or_huge_ids() {
        for raw in ["", "a b", "a\"b", "{json}", &"x".repeat(MAX_LEN + 1)] {
            assert_eq!(RequestId::parse(raw), None, "{raw}");
        }
        let mut headers = HeaderMap::new();
        headers.insert(X_REQUEST_ID, "has space".parse().unwrap());
        let id = RequestId::from_headers(&headers);
        assert_eq!(id.as_str().len(), 32);
        assert_ne!(id, RequestId::generate());
    }
}
