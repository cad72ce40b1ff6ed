//! The memo behind [`super::reach`]: per planning run, whether a field can be finished from a
//! (type, subgraph, provided) position, shared by every trial copy of the walker.

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
    graph: GraphId,
    field: usize,
    provided: usize,
}

fn key(
    parent: &Name,
    graph: GraphId,
    field: &Node<Field>,
    provided: Option<&SelectionSet>,
) -> ReachKey {
    ReachKey {
        parent: parent.clone(),
        graph,
        field: &**field as *const Field as usize,
        provided: provided.map_or(0, |p| p as *const SelectionSet as usize),
    }
}

impl ReachMemo {
    pub fn get(
        &self,
        parent: &Name,
        graph: GraphId,
        field: &Node<Field>,
        provided: Option<&SelectionSet>,
    ) -> Option<bool> {
        self.known
            .borrow()
            .get(&key(parent, graph, field, provided))
            .copied()
    }

    pub fn record(
        &self,
        parent: &Name,
        graph: GraphId,
        field: &Node<Field>,
        provided: Option<&SelectionSet>,
        reachable: bool,
    ) {
        self.known
            .borrow_mut()
            .insert(key(parent, graph, field, provided), reachable);
        self.held.borrow_mut().push(field.clone());
    }
}
