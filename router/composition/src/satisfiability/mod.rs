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
mod requires;

use reach::{reachable_graphs, resolvers};

struct State {
    type_name: String,
    graph: usize,
    /// Field names from the root type, e.g. `["Query", "topProducts", "reviews"]`.
    path: Vec<String>,
    /// Fields the parent field `@provides` here (resolvable in `graph` along this path only).
    provided: Vec<fieldset::Selection>,
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
                        next.push((
                            member.clone(),
                            *g,
                            Some(format!("... on {member}")),
                            Vec::new(),
                        ));
                    }
                }
            }
            TypeKind::Object | TypeKind::Interface => {
                if ty.kind == TypeKind::Interface {
                    for implementation in schema.types.values() {
                        if implementation
                            .join_implements
                            .iter()
                            .any(|(g, i)| *g == state.graph && i == &ty.name)
                        {
                            next.push((
                                implementation.name.clone(),
                                state.graph,
                                Some(format!("... on {}", implementation.name)),
                                Vec::new(),
                            ));
                        }
                    }
                }
                // The planner may start an operation in any subgraph that defines the root type.
                let reach = if schema.roots.contains(&ty.name) {
                    ty.join_types.iter().map(|j| j.graph).collect()
                } else {
                    reachable_graphs(schema, ty, state.graph)
                };
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
                            errors.push(unsatisfiable(
                                schema,
                                ty,
                                field,
                                &state,
                                &reach,
                                &field_resolvers,
                            ));
                        }
                        continue;
                    }
                    // The field is satisfiable if one usable subgraph resolves it without
                    // @requires, or with a @requires that can be fetched (chained and
                    // type-conditioned requirements included).
                    let mut failure = None;
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
                                failure.get_or_insert((requires.to_string(), why));
                                false
                            }
                        }
                    });
                    let coordinate = format!("{}.{}", ty.name, field.name);
                    if !satisfied
                        && let Some((requires, why)) = failure
                        && reported.insert(coordinate.clone())
                    {
                        errors.push(
                            Diagnostic::new(
                                "SATISFIABILITY_ERROR",
                                format!(
                                    "The following supergraph API query:\n{}\ncannot be satisfied by the subgraphs because:\n- from subgraph \"{}\": cannot satisfy @require conditions on field \"{coordinate}\" ({}).",
                                    print_query(schema, &state.path, field),
                                    schema.graphs[state.graph].name,
                                    why.describe(Some(&requires)),
                                ),
                            )
                            .at_all(field.locations.iter().cloned().map(Some)),
                        );
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
                                Some(field_with_arguments(schema, field)),
                                provided,
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
        for (type_name, graph, step, provided) in next {
            if visited.insert((type_name.clone(), graph, format!("{provided:?}"))) {
                let mut path = state.path.clone();
                path.extend(step);
                queue.push_back(State {
                    type_name,
                    graph,
                    path,
                    provided,
                });
            }
        }
    }
    errors
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

fn unsatisfiable(
    schema: &MergedSchema,
    ty: &MergedType,
    field: &MergedField,
    state: &State,
    reach: &[usize],
    resolvers: &[usize],
) -> Diagnostic {
    let coordinate = format!("{}.{}", ty.name, field.name);
    let name = |g: usize| schema.graphs[g].name.as_str();
    let mut reasons = Vec::new();
    for g in reach {
        let mut why: Vec<String> = Vec::new();
        let external = field.join.iter().any(|j| j.graph == Some(*g) && j.external);
        let overridden_by = field
            .join
            .iter()
            .find(|j| j.override_from.as_deref() == Some(name(*g)))
            .and_then(|j| j.graph);
        if let Some(by) = overridden_by {
            why.push(format!(
                "field \"{coordinate}\" is not resolvable because it is overridden by subgraph \"{}\".",
                name(by)
            ));
        } else if external {
            why.push(format!(
                "field \"{coordinate}\" is not resolvable because marked @external."
            ));
        } else {
            why.push(format!("cannot find field \"{coordinate}\"."));
        }
        for h in resolvers {
            let keys: Vec<&str> = ty
                .join_types
                .iter()
                .filter(|j| j.graph == *h && j.resolvable != Some(false))
                .filter_map(|j| j.key.as_deref())
                .collect();
            let has_unresolvable_key = ty
                .join_types
                .iter()
                .any(|j| j.graph == *h && j.key.is_some() && j.resolvable == Some(false));
            if keys.is_empty() && has_unresolvable_key {
                why.push(format!(
                    "cannot move to subgraph \"{}\", which has field \"{coordinate}\", because none of the @key defined on type \"{}\" in subgraph \"{}\" are resolvable (they are all declared with their \"resolvable\" argument set to false).",
                    name(*h),
                    ty.name,
                    name(*h)
                ));
            } else if keys.is_empty() {
                why.push(format!(
                    "cannot move to subgraph \"{}\", which has field \"{coordinate}\", because type \"{}\" has no @key defined in subgraph \"{}\".",
                    name(*h),
                    ty.name,
                    name(*h)
                ));
            } else {
                for key in keys {
                    let overridden_key = fieldset::parse(key).is_ok_and(|set| {
                        set.iter().any(|s| {
                            ty.fields.get(&s.name).is_some_and(|f| {
                                f.join
                                    .iter()
                                    .any(|j| j.override_from.as_deref() == Some(name(*g)))
                            })
                        })
                    });
                    let note = if overridden_key {
                        format!(
                            " (note that some of those key fields are overridden in \"{}\")",
                            name(*g)
                        )
                    } else {
                        String::new()
                    };
                    why.push(format!(
                        "cannot move to subgraph \"{}\" using @key(fields: \"{key}\") of \"{}\", the key field(s) cannot be resolved from subgraph \"{}\"{note}.",
                        name(*h),
                        ty.name,
                        name(*g)
                    ));
                }
            }
        }
        if why.len() == 1 {
            reasons.push(format!("- from subgraph \"{}\": {}", name(*g), why[0]));
        } else {
            reasons.push(format!("- from subgraph \"{}\":", name(*g)));
            reasons.extend(why.into_iter().map(|w| format!("  - {w}")));
        }
    }
    if resolvers.is_empty() {
        reasons.push(format!("- no subgraph can resolve field \"{coordinate}\" (it is @external everywhere or overridden)."));
    }
    Diagnostic::new(
        "SATISFIABILITY_ERROR",
        format!(
            "The following supergraph API query:\n{}\ncannot be satisfied by the subgraphs because:\n{}",
            print_query(schema, &state.path, field),
            reasons.join("\n")
        ),
    )
    .at_all(field.locations.iter().cloned().map(Some))
    .at_all(ty.locations.iter().cloned().map(Some))
}

/// `name(arg: <witness>)` for the required arguments, as Apollo writes the failing query.
fn field_with_arguments(schema: &MergedSchema, field: &MergedField) -> String {
    let args: Vec<String> = field
        .args
        .values()
        .filter(|a| a.ty.is_non_null() && a.default.is_none())
        .map(|a| format!("{}: {}", a.name, witness(schema, &a.ty, 0)))
        .collect();
    if args.is_empty() {
        field.name.clone()
    } else {
        format!("{}({})", field.name, args.join(", "))
    }
}

/// A value of the given input type (Apollo's `generateWitnessValue`).
fn witness(schema: &MergedSchema, ty: &apollo_compiler::ast::Type, depth: usize) -> String {
    use apollo_compiler::ast::Type;
    match ty {
        Type::List(_) | Type::NonNullList(_) => "[]".to_string(),
        Type::Named(name) | Type::NonNullNamed(name) => match name.as_str() {
            "Int" => "0".to_string(),
            "Float" => "3.14".to_string(),
            "Boolean" => "true".to_string(),
            "String" => "\"A string value\"".to_string(),
            "ID" => "\"<any id>\"".to_string(),
            other => match schema.types.get(other) {
                Some(t) if t.kind == TypeKind::Enum => {
                    t.values.keys().next().cloned().unwrap_or_default()
                }
                Some(t) if t.kind == TypeKind::InputObject && depth < 3 => {
                    let fields: Vec<String> = t
                        .fields
                        .values()
                        .filter(|f| f.ty.is_non_null() && f.default.is_none())
                        .map(|f| format!("{}: {}", f.name, witness(schema, &f.ty, depth + 1)))
                        .collect();
                    format!("{{{}}}", fields.join(", "))
                }
                _ => "\"<some value>\"".to_string(),
            },
        },
    }
}

/// The operation that reaches `field` along `path` (the root type name first); a composite
/// last field gets `{ ... }`, as in Apollo's messages.
fn print_query(schema: &MergedSchema, path: &[String], field: &MergedField) -> String {
    let keyword = match path.first().map(String::as_str) {
        Some("Mutation") => "mutation ",
        Some("Subscription") => "subscription ",
        _ => "",
    };
    let last = field_with_arguments(schema, field);
    let steps: Vec<&str> = path[1..]
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(last.as_str()))
        .collect();
    let composite = schema.types.get(named(&field.ty)).is_some_and(|t| {
        matches!(
            t.kind,
            TypeKind::Object | TypeKind::Interface | TypeKind::Union
        )
    });
    let mut out = format!("{keyword}{{");
    for (depth, step) in steps.iter().enumerate() {
        let indent = "  ".repeat(depth + 1);
        out.push_str(&format!("\n{indent}{step}"));
        if depth + 1 < steps.len() {
            out.push_str(" {");
        } else if composite {
            out.push_str(&format!(" {{\n{indent}  ...\n{indent}}}"));
        }
    }
    for depth in (0..steps.len().saturating_sub(1)).rev() {
        out.push_str(&format!("\n{}}}", "  ".repeat(depth + 1)));
    }
    out.push_str("\n}");
    out
}
