//! Paths that already carry an error, so null propagation does not report them twice.

use std::collections::HashMap;

use crate::response::PathElement;
use crate::tree::Elem;

#[derive(Debug, Default)]
pub(crate) struct PathTrie {
    terminal: bool,
    keys: HashMap<String, PathTrie>,
    indices: HashMap<usize, PathTrie>,
}

impl PathTrie {
    pub fn insert(&mut self, path: &[PathElement]) {
        let mut node = self;
        for elem in path {
            node = match elem {
                PathElement::Key(k) => node.keys.entry(k.clone()).or_default(),
                PathElement::Index(i) => node.indices.entry(*i).or_default(),
            };
        }
        node.terminal = true;
    }

    /// Whether an error was reported at `path`, above it, or below it.
    pub fn covers(&self, path: &[Elem<'_>]) -> bool {
        let mut node = self;
        if node.terminal {
            return true;
        }
        for elem in path {
            let next = match elem {
                Elem::Key(k) => node.keys.get(*k),
                Elem::Index(i) => node.indices.get(i),
            };
            match next {
                Some(next) if next.terminal => return true,
                Some(next) => node = next,
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_paths_at_above_and_below_a_reported_one_only() {
        let mut trie = PathTrie::default();
        trie.insert(&[
            PathElement::Key("a".into()),
            PathElement::Index(1),
            PathElement::Key("b".into()),
        ]);
        let a1b = [Elem::Key("a"), Elem::Index(1), Elem::Key("b")];
        assert!(trie.covers(&a1b));
        assert!(trie.covers(&[Elem::Key("a"), Elem::Index(1)]));
        assert!(trie.covers(&[a1b.as_slice(), &[Elem::Key("c")]].concat()));
        assert!(!trie.covers(&[Elem::Key("a"), Elem::Index(0), Elem::Key("b")]));
        assert!(!trie.covers(&[Elem::Key("x")]));
    }
}
