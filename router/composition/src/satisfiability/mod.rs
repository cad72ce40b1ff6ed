//! A simplified satisfiability check: walks the API schema from the root types, subgraph by
//! subgraph, following the fields each subgraph resolves and the `@key`s that let the router
//! move between subgraphs. A field that no reachable subgraph resolves is reported with the
//! query that cannot be planned and, per subgraph, why.

use std::collections::{HashSet, VecDeque};

use crate::diagnostic::Diagnostic;
use crate::fieldset;
use crate::merge::model::{MergedField, MergedSchema, MergedType};
use crate::model::{TypeKind, named};

mod reach;
mod report;
mod requires;

use reach::{reachable_graphs, reachable_graphs_with, resolvers};

struct State {
    type_name: String,
    graph: usize,
    /// Field names from the root type, e.g. `["Query", "topProducts", "reviews"]`.
    path: Vec<String>,
    /// Fields the parent field `@provides` here (resolvable in `graph` along this path only).
    provided: Vec<fieldset::Selection>,
    /// Reached by a key move from another subgraph (which knew the value's concrete type),
    /// not as the value of a field of `graph`.
    moved: bool,
}

pub fn check(schema: &MergedSchema) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut reported: HashSet<String> = HashSet::new();
    let mut visited: HashSet<(String, usize, String)> = HashSet::new();
    let mut queue: VecDeque<State> = VecDeque::new();
    for root in &schema.roots {
        if let Some(ty) = schema.types.get(root) {
            for join in &ty.join_types {
                if visited.insert((root.clone(), join.graph, String::new())) {
                    queue.push_back(State {
                        type_name: root.clone(),
                        graph: join.graph,
                        path: vec![root.clone()],
                        provided: Vec::new(),
                        moved: false,
                    });
                }
            }
        }
    }

    while let Some(state) = queue.pop_front() {
        let Some(ty) = schema.types.get(&state.type_name) else {
            continue;
        };
        if ty.applied.inaccessible {
            continue;
        }
        let mut next: Vec<(String, usize, Option<String>, Vec<fieldset::Selection>)> = Vec::new();
        match ty.kind {
            TypeKind::Union => {
                for (g, member) in &ty.join_members {
                    if *g == state.graph {
                        // What a @provides above selected (`... on Member { }`) still holds.
                        next.push((
                            member.clone(),
                            *g,
                            Some(format!("... on {member}")),
                            state.provided.clone(),
                        ));
                    }
                }
            }
            TypeKind::Object | TypeKind::Interface => {
                if ty.kind == TypeKind::Interface && !can_hold_a_value(schema, ty, state.graph) {
                    continue;
                }
                if ty.kind == TypeKind::Interface {
                    for implementation in schema.types.values() {
                        if implementation
                            .join_implements
                            .iter()
                            .any(|(g, i)| *g == state.graph && i == &ty.name)
                        {
                            // A @provides on the interface field holds for each
                            // implementation (interface fields and `... on T { }`).
                            next.push((
                                implementation.name.clone(),
                                state.graph,
                                Some(format!("... on {}", implementation.name)),
                                state.provided.clone(),
                            ));
                        }
                    }
                }
                // The planner may start an operation in any subgraph that defines the root type.
                // Fields a @provides above selected are resolved here along this path, so
                // a key made of them leads on from here too.
                let provided_names: Vec<&str> = state
                    .provided
                    .iter()
                    .flat_map(|s| {
                        if s.type_condition.as_deref() == Some(ty.name.as_str()) {
                            s.children.iter().collect::<Vec<_>>()
                        } else {
                            vec![s]
                        }
                    })
                    .filter(|s| s.type_condition.is_none())
                    .map(|s| s.name.as_str())
                    .collect();
                let reach = if schema.roots.contains(&ty.name) {
                    ty.join_types.iter().map(|j| j.graph).collect()
                } else {
                    reachable_graphs_with(schema, ty, state.graph, &provided_names)
                };
                if ty.kind == TypeKind::Interface
                    && !state.moved
                    && ty
                        .join_types
                        .iter()
                        .any(|j| j.graph == state.graph && j.interface_object)
                    && !reach.iter().any(|g| {
                        ty.join_types
                            .iter()
                            .any(|j| j.graph == *g && !j.interface_object)
                    })
                {
                    // An @interfaceObject knows no concrete type: telling it needs a key to
                    // a subgraph defining the interface (Apollo's fake downcast needs
                    // `__typename` from there).
                    for implementation in schema.types.values().filter(|t| {
                        t.kind == TypeKind::Object
                            && t.join_implements.iter().any(|(_, i)| i == &ty.name)
                    }) {
                        let coordinate = format!("{}/{}", ty.name, implementation.name);
                        if reported.insert(coordinate) {
                            errors.push(report::unresolvable_interface_object(
                                schema,
                                &state.path,
                                ty,
                                &implementation.name,
                                state.graph,
                            ));
                        }
                    }
                    continue;
                }
                if ty.kind == TypeKind::Interface {
                    // Implementations may only be known where a key leads (e.g. from an
                    // @interfaceObject to the subgraph defining the interface).
                    for g in &reach {
                        if *g != state.graph {
                            next.push((ty.name.clone(), *g, None, Vec::new()));
                        }
                    }
                }
                for field in ty.fields.values() {
                    if field.applied.inaccessible {
                        continue;
                    }
                    let field_resolvers = resolvers(ty, field);
                    let mut usable: Vec<usize> = field_resolvers
                        .iter()
                        .copied()
                        .filter(|g| reach.contains(g))
                        .collect();
                    let provided_here: Vec<&fieldset::Selection> = state
                        .provided
                        .iter()
                        .flat_map(|s| {
                            // `... on T { }` in a provides applies when T is this type.
                            if s.type_condition.as_deref() == Some(ty.name.as_str()) {
                                s.children.iter().collect::<Vec<_>>()
                            } else {
                                vec![s]
                            }
                        })
                        .filter(|s| s.name == field.name)
                        .collect();
                    if !provided_here.is_empty() && !usable.contains(&state.graph) {
                        usable.push(state.graph);
                    }
                    if field.join.iter().any(|j| j.graph.is_none()) {
                        usable.extend(through_interface_objects(schema, ty, field, state.graph));
                    }
                    // The planner splits an interface field it cannot fetch as such into the
                    // implementations this subgraph knows; those are checked on their own.
                    let split = ty.kind == TypeKind::Interface
                        && schema.types.values().any(|t| {
                            t.join_implements
                                .iter()
                                .any(|(g, i)| *g == state.graph && i == &ty.name)
                        });
                    if usable.is_empty() && split {
                        continue;
                    }
                    if usable.is_empty() {
                        let coordinate = format!("{}.{}", ty.name, field.name);
                        if reported.insert(coordinate.clone()) {
                            errors.push(report::unsatisfiable(
                                schema,
                                ty,
                                field,
                                &state.path,
                                &reach,
                                &field_resolvers,
                            ));
                        }
                        continue;
                    }
                    // The field is satisfiable if one usable subgraph resolves it without
                    // @requires, or with a @requires that can be fetched (chained and
                    // type-conditioned requirements included).
                    let mut failures = Vec::new();
                    let satisfied = usable.iter().any(|g| {
                        let Some(requires) = requires::requires_in(field, *g) else {
                            return true;
                        };
                        let Ok(selections) = fieldset::parse(requires) else {
                            return true;
                        };
                        let mut chain = vec![(ty.name.clone(), field.name.clone())];
                        match requires::unfetchable(schema, ty, &selections, &reach, &mut chain) {
                            None => true,
                            Some(why) => {
                                failures.push((*g, requires.to_string(), why));
                                false
                            }
                        }
                    });
                    let coordinate = format!("{}.{}", ty.name, field.name);
                    if !satisfied && !failures.is_empty() && reported.insert(coordinate.clone()) {
                        errors.push(report::unsatisfied_requires(
                            schema,
                            ty,
                            field,
                            &state.path,
                            &reach,
                            &failures,
                        ));
                    }
                    for g in usable {
                        // A subgraph may return a subtype of the supergraph's field type.
                        let target = field
                            .join
                            .iter()
                            .find(|j| j.graph == Some(g))
                            .and_then(|j| j.ty.as_deref())
                            .map(|t| t.trim_matches(|c| c == '[' || c == ']' || c == '!'))
                            .unwrap_or_else(|| named(&field.ty));
                        if schema.types.get(target).is_some_and(|t| {
                            matches!(
                                t.kind,
                                TypeKind::Object | TypeKind::Interface | TypeKind::Union
                            )
                        }) {
                            // Fields provided below this one: from its own @provides in `g`,
                            // or from a @provides further up that selected inside it.
                            let mut provided: Vec<fieldset::Selection> = field
                                .join
                                .iter()
                                .find(|j| j.graph == Some(g))
                                .and_then(|j| j.provides.as_deref())
                                .and_then(|p| fieldset::parse(p).ok())
                                .unwrap_or_default();
                            if g == state.graph {
                                for selection in &provided_here {
                                    provided.extend(selection.children.iter().cloned());
                                }
                            }
                            next.push((
                                target.to_string(),
                                g,
                                Some(report::field_with_arguments(schema, field)),
                                provided,
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
        for (type_name, graph, step, provided) in next {
            let moved = step.is_none();
            if visited.insert((type_name.clone(), graph, format!("{provided:?}{moved}"))) {
                let mut path = state.path.clone();
                path.extend(step);
                queue.push_back(State {
                    type_name,
                    graph,
                    path,
                    provided,
                    moved,
                });
            }
        }
    }
    errors
}

/// Whether a value of the interface `ty` can come out of `graph`, as in Apollo's query graph
/// of the API schema, where an interface's fields are only reached through its runtime types:
/// a subgraph only ever returns object types it defines, so an interface it implements
/// nowhere (and that no subgraph implements at all, for an `@interfaceObject`, whose values
/// are any implementation) yields no value whose fields could be unsatisfiable.
fn can_hold_a_value(schema: &MergedSchema, ty: &MergedType, graph: usize) -> bool {
    let implemented_in = |g: Option<usize>| {
        schema.types.values().any(|t| {
            t.kind == TypeKind::Object
                && t.join_implements
                    .iter()
                    .any(|(h, i)| i == &ty.name && g.is_none_or(|g| *h == g))
        })
    };
    let interface_object = ty
        .join_types
        .iter()
        .any(|j| j.graph == graph && j.interface_object);
    if interface_object {
        implemented_in(None)
    } else {
        implemented_in(Some(graph))
    }
}

/// Graphs that resolve a field an implementation gets from an `@interfaceObject`: reached
/// by moving to the interface object through one of the interface's keys.
fn through_interface_objects(
    schema: &MergedSchema,
    ty: &MergedType,
    field: &MergedField,
    start: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    for interface in &ty.implements {
        let Some(iface) = schema.types.get(interface) else {
            continue;
        };
        let Some(iface_field) = iface.fields.get(&field.name) else {
            continue;
        };
        let reach = reachable_graphs(schema, iface, start);
        for join in iface.join_types.iter().filter(|j| j.interface_object) {
            if reach.contains(&join.graph)
                && resolvers(iface, iface_field).contains(&join.graph)
                && !out.contains(&join.graph)
            {
                out.push(join.graph);
            }
        }
    }
    out
}
