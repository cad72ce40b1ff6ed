//! A small least-recently-used cache of parsed operations, so that the same query text is
//! parsed and validated once rather than on every request. Keyed by query text and operation
//! name; what it holds (the compiler's `ParsedOperation`) is cloned out on a hit.

use indexmap::IndexMap;
use std::sync::Mutex;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    query: String,
    operation_name: Option<String>,
}

#[derive(Debug)]
pub(crate) struct ParseCache<T> {
    capacity: usize,
    /// Most recently used last.
    entries: Mutex<IndexMap<Key, T>>,
}

impl<T: Clone> ParseCache<T> {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(IndexMap::new()),
        }
    }

    pub(crate) fn get(&self, query: &str, operation_name: Option<&str>) -> Option<T> {
        if self.capacity == 0 {
            return None;
        }
        let key = Key {
            query: query.to_owned(),
            operation_name: operation_name.map(str::to_owned),
        };
        let mut entries = self.lock();
        let index = entries.get_index_of(&key)?;
        let last = entries.len() - 1;
        entries.move_index(index, last);
        entries.get_index(last).map(|(_, parsed)| parsed.clone())
    }

    pub(crate) fn insert(&self, query: &str, operation_name: Option<&str>, parsed: T) {
        if self.capacity == 0 {
            return;
        }
        let key = Key {
            query: query.to_owned(),
            operation_name: operation_name.map(str::to_owned),
        };
        let mut entries = self.lock();
        entries.shift_remove(&key);
        while entries.len() >= self.capacity {
            entries.shift_remove_index(0);
        }
        entries.insert(key, parsed);
    }

    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, IndexMap<Key, T>> {
        // A panic while holding the lock cannot leave the map half-updated in a way that
        // matters: every entry is a complete, validated operation.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}
