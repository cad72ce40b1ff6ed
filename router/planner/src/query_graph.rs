//! The query graph, built once per supergraph: for every (type, subgraph) node, the entity jumps
//! leaving it — to a subgraph with a resolvable key whose fields this subgraph can provide.
//! Field edges are read straight from the supergraph model (`FieldMeta::graphs`), since
//! progressive-override labels decide per request whether they exist.

use std::collections::HashMap;

use apollo_compiler::Name;
use apollo_compiler::executable::{Selection, SelectionSet};
use supergraph::{GraphId, Supergraph, TypeKind};

/// An edge from (type, subgraph) to the same entity in subgraph `to`.
#[derive(Debug, Clone)]
pub(crate) struct Jump {
    pub to: GraphId,
    /// Type holding the key in `to`: the type itself, or an interface of it (entity interface or
    /// `@interfaceObject`).
    pub key_type: Name,
    pub key_index: usize,
}

#[derive(Debug, Default)]
pub(crate) struct QueryGraph {
    jumps: HashMap<(Name, GraphId), Vec<Jump>>,
}

impl QueryGraph {
    pub fn build(supergraph: &Supergraph) -> Self {
        let mut jumps: HashMap<(Name, GraphId), Vec<Jump>> = HashMap::new();
        for meta in supergraph.types.values() {
            if !matches!(meta.kind, TypeKind::Object | TypeKind::Interface) {
                continue;
            }
            // Key holders: the type itself, then the interfaces it implements.
            let mut key_types = vec![meta.name.clone()];
            if let Some(object) = supergraph.schema.get_object(&meta.name) {
                key_types.extend(object.implements_interfaces.iter().map(|i| i.name.clone()));
            }
            for &from in meta.graphs.keys() {
                let mut edges = Vec::new();
                for key_type in &key_types {
                    let Some(holder) = supergraph.types.get(key_type) else {
                        continue;
                    };
                    for (&to, in_graph) in &holder.graphs {
                        // An interface key reached from an object only helps where the interface
                        // is an object (`@interfaceObject`): elsewhere the object's own keys do.
                        if *key_type != meta.name && !in_graph.interface_object {
                            continue;
                        }
                        for (key_index, key) in in_graph.keys.iter().enumerate() {
                            if !key.resolvable {
                                continue;
                            }
                            if can_provide(supergraph, &meta.name, from, &key.fields.selection_set)
                            {
                                edges.push(Jump {
                                    to,
                                    key_type: key_type.clone(),
                                    key_index,
                                });
                                // The first usable key per target is enough.
                                break;
                            }
                        }
                    }
                }
                jumps.insert((meta.name.clone(), from), edges);
            }
        }
        Self { jumps }
    }

    pub fn jumps(&self, type_name: &Name, from: GraphId) -> &[Jump] {
        self.jumps
            .get(&(type_name.clone(), from))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Whether subgraph `graph` can return every field of `set` at `type_name`.
pub(crate) fn can_provide(
    supergraph: &Supergraph,
    type_name: &str,
    graph: GraphId,
    set: &SelectionSet,
) -> bool {
    set.selections.iter().all(|selection| match selection {
        Selection::Field(field) => {
            if field.name == "__typename" {
                return true;
            }
            let Some(meta) = supergraph.field_meta(type_name, &field.name) else {
                return false;
            };
            let Some(in_graph) = meta.graphs.get(&graph) else {
                return false;
            };
            in_graph.resolves_for_key()
                && can_provide(
                    supergraph,
                    meta.ty.inner_named_type(),
                    graph,
                    &field.selection_set,
                )
        }
        Selection::InlineFragment(fragment) => {
            let ty = fragment
                .type_condition
                .as_ref()
                .map(|t| t.as_str())
                .unwrap_or(type_name);
            can_provide(supergraph, ty, graph, &fragment.selection_set)
        }
        Selection::FragmentSpread(_) => false,
    })
}
