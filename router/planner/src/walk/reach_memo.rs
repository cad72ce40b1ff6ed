//! The memo behind [`super::reach`]: per planning run, whether a field can be finished from a
//! type and the (subgraph, provided selection) positions it can be read from, shared by every
//! trial copy of the walker.

use std::cell::RefCell;
use std::collections::HashMap;

use apollo_compiler::executable::{Field, SelectionSet};
use apollo_compiler::{Name, Node};
use supergraph::GraphId;

#[derive(Default)]
pub(crate) struct ReachMemo {
    known: RefCell<HashMap<ReachKey, bool>>,
    /// Keeps every field the memo was asked about alive for the run: a key holds the field's
    /// address, which must not be reused by another field (the walker makes trimmed fields).
    held: RefCell<Vec<Node<Field>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ReachKey {
    parent: Name,
    /// (subgraph, address of the provided selection or 0), sorted.
    positions: Vec<(GraphId, usize)>,
    field: usize,
}

/// Where a selection can be read: a subgraph, with what a `@provides` gives there.
pub(crate) type Position<'s> = (GraphId, Option<&'s SelectionSet>);

fn key(parent: &Name, positions: &[Position<'_>], field: &Node<Field>) -> ReachKey {
    let mut positions: Vec<(GraphId, usize)> = positions
        .iter()
        .map(|(graph, provided)| {
            let provided = provided.map_or(0, |p| p as *const SelectionSet as usize);
            (*graph, provided)
        })
        .collect();
    positions.sort_unstable();
    positions.dedup();
    ReachKey {
        parent: parent.clone(),
        positions,
        field: &**field as *const Field as usize,
    }
}

impl ReachMemo {
    pub fn get(
        &self,
        parent: &Name,
        positions: &[Position<'_>],
        field: &Node<Field>,
    ) -> Option<bool> {
        self.known
            .borrow()
            .get(&key(parent, positions, field))
            .copied()
    }

    pub fn record(
        &self,
        parent: &Name,
        positions: &[Position<'_>],
        field: &Node<Field>,
        reachable: bool,
    ) {
        self.known
            .borrow_mut()
            .insert(key(parent, positions, field), reachable);
        self.held.borrow_mut().push(field.clone());
    }
}
