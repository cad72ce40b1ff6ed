//! The query graph, built once per supergraph: for every (type, subgraph) node, the entity jumps
//! leaving it — to a subgraph with a resolvable key whose fields this subgraph can provide, or,
//! where it can provide no key of that subgraph, one whose fields other subgraphs can supply
//! (a *planned* key: its fields are a requirement, planned and fetched before the jump).
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
    /// Some key fields are not in the subgraph the jump leaves: the walker plans them first,
    /// from wherever they live.
    pub planned: bool,
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
                        let resolvable = || {
                            in_graph
                                .keys
                                .iter()
                                .enumerate()
                                .filter(|(_, k)| k.resolvable)
                        };
                        // The first usable key per target is enough.
                        let direct = resolvable().find(|(_, key)| {
                            can_provide(supergraph, &meta.name, from, &key.fields.selection_set)
                        });
                        let planned = || {
                            resolvable().find(|(_, key)| {
                                to != from
                                    && can_supply(
                                        supergraph,
                                        &meta.name,
                                        to,
                                        &key.fields.selection_set,
                                    )
                            })
                        };
                        if let Some((key_index, _)) = direct {
                            edges.push(Jump {
                                to,
                                key_type: key_type.clone(),
                                key_index,
                                planned: false,
                            });
                        } else if let Some((key_index, _)) = planned() {
                            edges.push(Jump {
                                to,
                                key_type: key_type.clone(),
                                key_index,
                                planned: true,
                            });
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

/// Whether every field of `set` at `type_name` is returned by some subgraph other than `target`
/// (each field may come from another): a key of `target` that can be planned as a requirement.
/// A coarse filter; the walker finds out whether the fields can really be fetched.
fn can_supply(
    supergraph: &Supergraph,
    type_name: &str,
    target: GraphId,
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
            let inner = meta.ty.inner_named_type();
            meta.graphs.iter().any(|(&graph, in_graph)| {
                graph != target
                    && in_graph.resolves_for_key()
                    && (can_provide(supergraph, inner, graph, &field.selection_set)
                        || can_supply(supergraph, inner, target, &field.selection_set))
            })
        }
        Selection::InlineFragment(fragment) => {
            let ty = fragment
                .type_condition
                .as_ref()
                .map(|t| t.as_str())
                .unwrap_or(type_name);
            can_supply(supergraph, ty, target, &fragment.selection_set)
        }
        Selection::FragmentSpread(_) => false,
    })
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
