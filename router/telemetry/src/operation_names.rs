//! Operation names as metric labels, with bounded cardinality: every distinct label value is a
//! new series per outcome and per histogram bucket, and clients choose operation names.
//!
//! - no name (an anonymous operation, or one that never parsed) → `""`;
//! - a name that is not a GraphQL name, or longer than [`MAX_NAME_LEN`] → `"other"`;
//! - the first `max` distinct names keep their own label; later ones → `"other"`.
//!
//! Names are remembered for the process's life (across reloads), so a name's series never
//! moves to `other` once it has its own.

use std::collections::HashSet;
use std::sync::RwLock;

/// The label of names beyond the limit.
pub const OTHER: &str = "other";
/// Longer names are not labels (they are more likely generated than chosen).
pub const MAX_NAME_LEN: usize = 100;

#[derive(Debug, Default)]
pub struct OperationNames {
    seen: RwLock<HashSet<String>>,
}

impl OperationNames {
    /// The label for `name`, admitting it when fewer than `max` names are known.
    pub fn label(&self, name: Option<&str>, max: usize) -> String {
        let Some(name) = name else {
            return String::new();
        };
        if !is_graphql_name(name) || name.len() > MAX_NAME_LEN {
            return OTHER.to_owned();
        }
        // A poisoned lock only means a panic elsewhere mid-insert; the set is still usable.
        if self
            .seen
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .contains(name)
        {
            return name.to_owned();
        }
        let mut seen = self
            .seen
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.contains(name) || seen.len() < max {
            seen.insert(name.to_owned());
            name.to_owned()
        } else {
            OTHER.to_owned()
        }
    }
}

/// `/[_A-Za-z][_0-9A-Za-z]*/` (GraphQL spec, Names).
fn is_graphql_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b == b'_' || b.is_ascii_alphabetic())
        && bytes.all(|b| b == b'_' || b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_operations_have_an_empty_label() {
        assert_eq!(OperationNames::default().label(None, 10), "");
    }

    #[test]
    fn names_beyond_the_limit_are_other_but_known_names_stay() {
        let names = OperationNames::default();
        assert_eq!(names.label(Some("A"), 2), "A");
        assert_eq!(names.label(Some("B"), 2), "B");
        assert_eq!(names.label(Some("C"), 2), OTHER);
        assert_eq!(names.label(Some("A"), 2), "A");
    }

    #[test]
    fn invalid_or_huge_names_are_other() {
        let names = OperationNames::default();
        assert_eq!(names.label(Some("not a name"), 10), OTHER);
        assert_eq!(names.label(Some(&"a".repeat(MAX_NAME_LEN + 1)), 10), OTHER);
        assert_eq!(names.label(Some("ok_1"), 10), "ok_1");
    }
}
