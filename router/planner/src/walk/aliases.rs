//! Keys for internal fields (keys and `@requires` the client did not ask for): an alias when
//! the client uses the name for something else at the same place, and never one key for two
//! different fields at one response path.

use apollo_compiler::ast::Argument;
use apollo_compiler::executable::{Selection, SelectionSet};
use apollo_compiler::{Name, Node};

use crate::plan::PathSegment;

/// Response keys taken by internal fields, per response path.
#[derive(Clone, Default)]
pub(super) struct Claims(Vec<Claim>);

#[derive(Clone)]
struct Claim {
    path: Vec<PathSegment>,
    key: Name,
    name: Name,
    arguments: Vec<Node<Argument>>,
}

impl Claims {
    /// The key an internal field planned at `path` was given, if it was planned there.
    pub(super) fn recorded(
        &self,
        path: &[PathSegment],
        name: &Name,
        arguments: &[Node<Argument>],
    ) -> Option<&Name> {
        self.0
            .iter()
            .find(|c| c.path == path && c.name == *name && c.arguments == arguments)
            .map(|c| &c.key)
    }

    /// The alias of an internal field at `path`: [`internal_alias`] against the client's
    /// fields (`client_sets`), then a fresh key if another internal field took that one.
    /// Recorded, so the representation reads the same key.
    pub(super) fn key(
        &mut self,
        client_sets: &[&SelectionSet],
        path: &[PathSegment],
        name: &Name,
        arguments: &[Node<Argument>],
    ) -> Option<Name> {
        if let Some(key) = self.recorded(path, name, arguments) {
            return (key != name).then(|| key.clone());
        }
        let mut key = internal_alias(client_sets, name, arguments).unwrap_or(name.clone());
        let mut n = 0;
        while self.0.iter().any(|c| c.path == path && c.key == key)
            || (key != *name && !client_fields(client_sets, &key).is_empty())
        {
            key = if key == *name {
                Name::new(&format!("{name}__internal")).ok()?
            } else {
                n += 1;
                Name::new(&format!("{name}__internal_{n}")).ok()?
            };
        }
        self.0.push(Claim {
            path: path.to_vec(),
            key: key.clone(),
            name: name.clone(),
            arguments: arguments.to_vec(),
        });
        (key != *name).then_some(key)
    }
}

/// Alias for a key or required field whose name the client uses for another field at the same
/// place: the representation reads it from there (`requires` selections carry the alias).
pub(super) fn internal_alias(
    client_sets: &[&SelectionSet],
    name: &str,
    arguments: &[Node<Argument>],
) -> Option<Name> {
    fn clashes(set: &SelectionSet, name: &str, arguments: &[Node<Argument>]) -> bool {
        set.selections.iter().any(|selection| match selection {
            Selection::Field(f) => {
                f.response_key() == name && (f.name != name || f.arguments != arguments)
            }
            Selection::InlineFragment(fragment) => {
                clashes(&fragment.selection_set, name, arguments)
            }
            Selection::FragmentSpread(_) => false,
        })
    }
    if client_sets.iter().any(|set| clashes(set, name, arguments)) {
        Name::new(&format!("{name}__internal")).ok()
    } else {
        None
    }
}

/// The sub-selections of the client's fields whose response key is `key` in `sets`: what an
/// unaliased field with that key merges with in the response tree.
pub(super) fn client_fields<'s>(sets: &[&'s SelectionSet], key: &str) -> Vec<&'s SelectionSet> {
    fn collect<'s>(set: &'s SelectionSet, key: &str, out: &mut Vec<&'s SelectionSet>) {
        for selection in &set.selections {
            match selection {
                Selection::Field(f) if f.response_key() == key => out.push(&f.selection_set),
                Selection::Field(_) | Selection::FragmentSpread(_) => {}
                Selection::InlineFragment(fragment) => collect(&fragment.selection_set, key, out),
            }
        }
    }
    let mut out = Vec::new();
    for set in sets {
        collect(set, key, &mut out);
    }
    out
}
