//! The plan cache's key.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

/// What a plan depends on, and nothing else: the normalized operation (its signature, which
/// keeps variable `@skip`/`@include` as conditions, so variable values never split the cache),
/// its name and the enabled override labels.
#[derive(Debug, Clone)]
pub struct PlanKey {
    signature: Arc<str>,
    operation_name: Option<String>,
    labels: Vec<String>,
    /// Of the fields above, computed once: a cache hit hashes no operation text.
    hash: u64,
}

impl PlanKey {
    pub(crate) fn new(
        signature: Arc<str>,
        operation_name: Option<String>,
        labels: &HashSet<String>,
    ) -> Self {
        let mut labels: Vec<String> = labels.iter().cloned().collect();
        labels.sort();
        let hash = std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one((
            &*signature,
            &operation_name,
            &labels,
        ));
        Self {
            signature,
            operation_name,
            labels,
            hash,
        }
    }
}

impl PartialEq for PlanKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
            && (Arc::ptr_eq(&self.signature, &other.signature) || self.signature == other.signature)
            && self.operation_name == other.operation_name
            && self.labels == other.labels
    }
}

impl Eq for PlanKey {}

impl Hash for PlanKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}
