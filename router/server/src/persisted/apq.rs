//! The automatic persisted queries cache: SHA-256 (lower-case hex) → query text.

use std::fmt::Write;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::pipeline::plan_cache::LruCache;

/// Bounded and shared: clones are the same cache.
#[derive(Debug, Clone)]
pub struct Apq {
    cache: Arc<LruCache<String, Arc<str>>>,
    capacity: usize,
}

impl Apq {
    pub fn new(capacity: usize) -> Self {
        Self {
            cache: Arc::new(LruCache::new(capacity)),
            capacity,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The query registered under `hash` (lower-case hex).
    pub fn get(&self, hash: &str) -> Option<Arc<str>> {
        self.cache.get(&hash.to_owned())
    }

    /// Registers `query` under `hash`; the caller has checked that it is the query's SHA-256.
    pub fn insert(&self, hash: String, query: &str) {
        self.cache.insert(hash, Arc::from(query));
    }

    pub fn len(&self) -> usize {
        self.cache.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cache.is_empty()
    }
}

/// The SHA-256 of `text` in lower-case hex, as APQ clients send it.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_like_apollo_clients() {
        // printf '{ __typename }' | sha256sum
        assert_eq!(
            sha256_hex("{ __typename }"),
            "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b"
        );
    }
}
