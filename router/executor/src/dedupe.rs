//! Sends each distinct representation once: equal values share one index.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::LazyLock;

use crate::value::Value;

/// The hasher for representations: fast, and seeded once per process (every hash of a run
/// must use the same seed) so that a subgraph cannot choose values that collide.
pub(crate) type RepHasher = foldhash::fast::FoldHasher<'static>;

static SEED: LazyLock<foldhash::fast::RandomState> = LazyLock::new(Default::default);

pub(crate) fn rep_hasher() -> RepHasher {
    SEED.build_hasher()
}

/// Indices into the caller's list of distinct values, by hash: the first index with each
/// hash, and for each index the next one with the same hash (collisions are rare, so this costs
/// no allocation per hash).
#[derive(Debug, Default)]
pub(crate) struct Distinct {
    first: HashMap<u64, usize, foldhash::fast::FixedState>,
    /// `next[i]`: the next index after `i` with the same hash.
    next: Vec<Option<usize>>,
}

impl Distinct {
    /// The index of `value` in `values`, pushing it there if no equal value is present.
    pub fn index_of(&mut self, value: Value, values: &mut Vec<Value>) -> usize {
        let hash = hash_of(&value);
        match self.find(hash, values, |v| *v == value) {
            Some(i) => i,
            None => self.insert(hash, value, values),
        }
    }

    /// The index of a value with this `hash` that `same` accepts, if any.
    pub fn find(
        &self,
        hash: u64,
        values: &[Value],
        mut same: impl FnMut(&Value) -> bool,
    ) -> Option<usize> {
        let mut at = self.first.get(&hash).copied();
        while let Some(i) = at {
            if same(&values[i]) {
                return Some(i);
            }
            at = self.next[i];
        }
        None
    }

    /// The index of a value with this `hash` that `same` accepts, else of the value `build`
    /// makes, pushed onto `values`; `None` when there is none and `build` makes none.
    pub fn find_or_insert(
        &mut self,
        hash: u64,
        values: &mut Vec<Value>,
        same: impl FnMut(&Value) -> bool,
        build: impl FnOnce() -> Option<Value>,
    ) -> Option<usize> {
        match self.find(hash, values, same) {
            Some(index) => Some(index),
            None => Some(self.insert(hash, build()?, values)),
        }
    }

    /// Adds a value known to be new under `hash`; its index. `values` must only ever grow
    /// through this method.
    pub fn insert(&mut self, hash: u64, value: Value, values: &mut Vec<Value>) -> usize {
        values.push(value);
        let index = values.len() - 1;
        // The new index goes first: the chain stays a list of all indices with this hash.
        let previous = self.first.insert(hash, index);
        self.next.push(previous);
        index
    }
}

fn hash_of(value: &Value) -> u64 {
    let mut hasher = rep_hasher();
    hash_value(value, &mut hasher);
    hasher.finish()
}

pub(crate) fn hash_value(value: &Value, state: &mut RepHasher) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::Number(n) => {
            2u8.hash(state);
            match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => i.hash(state),
                (_, Some(u), _) => u.hash(state),
                (_, _, f) => f.map(f64::to_bits).hash(state),
            }
        }
        Value::String(s) => (3u8, s).hash(state),
        Value::Array(items) => {
            (4u8, items.len()).hash(state);
            items.iter().for_each(|item| hash_value(item, state));
        }
        Value::Object(map) => {
            // In key order: equal objects listing their keys differently (rare) are then
            // merely sent twice.
            (5u8, map.len()).hash(state);
            for (k, v) in map.iter() {
                k.hash(state);
                hash_value(v, state);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_sharing_a_hash_are_all_found() {
        let mut distinct = Distinct::default();
        let mut values = Vec::new();
        // One hash for three different values: a collision chain.
        for name in ["a", "b", "c"] {
            distinct.insert(7, Value::from(name), &mut values);
        }
        for (i, name) in ["a", "b", "c"].into_iter().enumerate() {
            let wanted = Value::from(name);
            assert_eq!(distinct.find(7, &values, |v| *v == wanted), Some(i));
        }
        assert_eq!(distinct.find(7, &values, |v| *v == Value::from("d")), None);
        assert_eq!(distinct.find(8, &values, |_| true), None);
        assert_eq!(distinct.index_of(Value::from("b"), &mut values), 3);
        assert_eq!(distinct.index_of(Value::from("b"), &mut values), 3);
        assert_eq!(values.len(), 4);
    }
}
