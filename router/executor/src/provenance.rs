//! Which subgraph sent the value at a response path: the fetch that asked for that field.
//!
//! Used only for `RESPONSE_VALIDATION_FAILED` errors (a null at a non-null field, a value of
//! the wrong type), so an operator sees which service broke its schema. The value itself does
//! not record where it came from (that would cost on every request); the plan does: the field
//! at a path was asked by the fetch whose `Flatten` path leads to it and whose selection holds
//! the rest of the path. The deepest such fetch wins, as it is the one that wrote the field
//! last. Fetch documents are parsed only when such an error exists, each once per response.

use std::cell::OnceCell;

use apollo_compiler::ast::{Definition, Document, Selection};
use planner::{FetchNode, PathSegment, PlanNode};

use crate::response::PathElement;

/// The fetches of one plan, with their documents parsed on first use.
pub(crate) struct Provenance<'p> {
    fetches: Vec<Fetch<'p>>,
}

struct Fetch<'p> {
    /// Field names of the path the fetch is flattened at.
    at: Vec<&'p str>,
    node: &'p FetchNode,
    document: OnceCell<Option<Document>>,
}

impl<'p> Provenance<'p> {
    pub fn new(root: &'p PlanNode) -> Self {
        let mut found = Vec::new();
        collect(root, &mut Vec::new(), &mut found);
        let fetches = found
            .into_iter()
            .map(|(at, node)| Fetch {
                at,
                node,
                document: OnceCell::new(),
            })
            .collect();
        Provenance { fetches }
    }

    /// The service whose fetch asked for the field at `path`, if one did.
    pub fn service_for(&self, path: &[PathElement]) -> Option<&'p str> {
        let keys: Vec<&str> = path
            .iter()
            .filter_map(|element| match element {
                PathElement::Key(key) => Some(key.as_str()),
                PathElement::Index(_) => None,
            })
            .collect();
        let mut best: Option<(usize, &'p str)> = None;
        for fetch in &self.fetches {
            let Some(rest) = keys.strip_prefix(fetch.at.as_slice()) else {
                continue;
            };
            if best.is_some_and(|(depth, _)| depth >= fetch.at.len()) || !fetch.asks(rest) {
                continue;
            }
            best = Some((fetch.at.len(), fetch.node.service_name.as_str()));
        }
        best.map(|(_, service)| service)
    }
}

/// Every fetch of the plan with the field names of the path it is flattened at.
fn collect<'p>(
    node: &'p PlanNode,
    at: &mut Vec<&'p str>,
    out: &mut Vec<(Vec<&'p str>, &'p FetchNode)>,
) {
    match node {
        PlanNode::Fetch(fetch) => out.push((at.clone(), fetch)),
        PlanNode::Flatten { path, node } => {
            let before = at.len();
            at.extend(path.iter().filter_map(|segment| match segment {
                PathSegment::Field(name) => Some(name.as_str()),
                PathSegment::List => None,
            }));
            collect(node, at, out);
            at.truncate(before);
        }
        PlanNode::Sequence { nodes } | PlanNode::Parallel { nodes } => {
            for node in nodes {
                collect(node, at, out);
            }
        }
        PlanNode::Condition {
            if_clause,
            else_clause,
            ..
        } => {
            for node in [if_clause, else_clause].into_iter().flatten() {
                collect(node, at, out);
            }
        }
    }
}

impl Fetch<'_> {
    /// Whether the fetch's document selects the response keys `rest` one below the other
    /// (below `_entities` for an entity fetch).
    fn asks(&self, rest: &[&str]) -> bool {
        let document = self
            .document
            .get_or_init(|| Document::parse(self.node.operation.as_str(), "fetch.graphql").ok());
        let Some(document) = document else {
            return false;
        };
        let entity = !self.at.is_empty();
        document.definitions.iter().any(|definition| {
            let Definition::OperationDefinition(operation) = definition else {
                return false;
            };
            if entity {
                operation.selection_set.iter().any(|selection| {
                    matches!(selection, Selection::Field(field)
                    if field.name == "_entities" && selects(&field.selection_set, rest))
                })
            } else {
                selects(&operation.selection_set, rest)
            }
        })
    }
}

fn selects(set: &[Selection], rest: &[&str]) -> bool {
    let Some((first, below)) = rest.split_first() else {
        return true;
    };
    set.iter().any(|selection| match selection {
        Selection::Field(field) => {
            field.alias.as_ref().unwrap_or(&field.name).as_str() == *first
                && selects(&field.selection_set, below)
        }
        Selection::InlineFragment(fragment) => selects(&fragment.selection_set, rest),
        // Fetch documents inline their fragments.
        Selection::FragmentSpread(_) => false,
    })
}
