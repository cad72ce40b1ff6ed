//! The `SATISFIABILITY_ERROR` messages, in Apollo's shape: the query that cannot be planned,
//! then, for every subgraph the planner could be in there, each alternative it has and why
//! that one fails.

use crate::diagnostic::Diagnostic;
use crate::fieldset;
use crate::merge::model::{MergedField, MergedSchema, MergedType};
use crate::model::{TypeKind, named};

use super::requires::Unfetchable;

/// Why `graph` cannot resolve `field` itself.
fn not_local(schema: &MergedSchema, coordinate: &str, field: &MergedField, graph: usize) -> String {
    let name = |g: usize| schema.graphs[g].name.as_str();
    let external = field
        .join
        .iter()
        .any(|j| j.graph == Some(graph) && j.external);
    let overridden_by = field
        .join
        .iter()
        .find(|j| j.override_from.as_deref() == Some(name(graph)))
        .and_then(|j| j.graph);
    if let Some(by) = overridden_by {
        format!(
            "field \"{coordinate}\" is not resolvable because it is overridden by subgraph \"{}\".",
            name(by)
        )
    } else if external {
        format!("field \"{coordinate}\" is not resolvable because marked @external.")
    } else {
        format!("cannot find field \"{coordinate}\".")
    }
}

/// Every subgraph of `reach` resolves `field` only with a `@requires` that cannot be fetched
/// (`failures`: the subgraph, its `@requires`, why), or does not resolve it at all.
pub(super) fn unsatisfied_requires(
    schema: &MergedSchema,
    ty: &MergedType,
    field: &MergedField,
    path: &[String],
    reach: &[usize],
    failures: &[(usize, String, Unfetchable)],
) -> Diagnostic {
    let coordinate = format!("{}.{}", ty.name, field.name);
    let mut graphs: Vec<usize> = reach.to_vec();
    graphs.extend(failures.iter().map(|(g, _, _)| *g));
    graphs.sort_unstable();
    graphs.dedup();
    let reasons: Vec<String> = graphs
        .iter()
        .map(|g| {
            let why = match failures.iter().find(|(f, _, _)| f == g) {
                Some((_, requires, unfetchable)) => format!(
                    "cannot satisfy @require conditions on field \"{coordinate}\" ({}).",
                    unfetchable.describe(Some(requires))
                ),
                None => not_local(schema, &coordinate, field, *g),
            };
            format!("- from subgraph \"{}\": {why}", schema.graphs[*g].name)
        })
        .collect();
    Diagnostic::new(
        "SATISFIABILITY_ERROR",
        format!(
            "The following supergraph API query:\n{}\ncannot be satisfied by the subgraphs because:\n{}",
            print_query(schema, path, field),
            reasons.join("\n")
        ),
    )
    .at_all(field.locations.iter().cloned().map(Some))
}

pub(super) fn unsatisfiable(
    schema: &MergedSchema,
    ty: &MergedType,
    field: &MergedField,
    path: &[String],
    reach: &[usize],
    resolvers: &[usize],
) -> Diagnostic {
    let coordinate = format!("{}.{}", ty.name, field.name);
    let name = |g: usize| schema.graphs[g].name.as_str();
    let mut reasons = Vec::new();
    for g in reach {
        let mut why: Vec<String> = vec![not_local(schema, &coordinate, field, *g)];
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
            print_query(schema, path, field),
            reasons.join("\n")
        ),
    )
    .at_all(field.locations.iter().cloned().map(Some))
    .at_all(ty.locations.iter().cloned().map(Some))
}

/// `name(arg: <witness>)` for the required arguments, as Apollo writes the failing query.
pub(super) fn field_with_arguments(schema: &MergedSchema, field: &MergedField) -> String {
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
    let composite = schema.types.get(named(&field.ty)).is_some_and(|t| {
        matches!(
            t.kind,
            TypeKind::Object | TypeKind::Interface | TypeKind::Union
        )
    });
    print_steps(keyword, path, &last, composite)
}

/// `{ a { b { last } } }` with Apollo's indentation; a composite last step gets `{ ... }`.
fn print_steps(keyword: &str, path: &[String], last: &str, composite: bool) -> String {
    let steps: Vec<&str> = path[1..]
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(last))
        .collect();
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

/// An `@interfaceObject` value whose concrete type no reachable subgraph can tell: from its
/// graph, no key leads to a subgraph defining the interface itself.
pub(super) fn unresolvable_interface_object(
    schema: &MergedSchema,
    path: &[String],
    interface: &MergedType,
    implementation: &str,
    graph: usize,
) -> Diagnostic {
    let keyword = match path.first().map(String::as_str) {
        Some("Mutation") => "mutation ",
        Some("Subscription") => "subscription ",
        _ => "",
    };
    Diagnostic::new(
        "SATISFIABILITY_ERROR",
        format!(
            "The following supergraph API query:\n{}\ncannot be satisfied by the subgraphs because:\n- from subgraph \"{}\": no subgraph can be reached to resolve the implementation type of @interfaceObject type \"{}\".",
            print_steps(keyword, path, &format!("... on {implementation}"), true),
            schema.graphs[graph].name,
            interface.name
        ),
    )
    .at_all(interface.locations.iter().cloned().map(Some))
}
