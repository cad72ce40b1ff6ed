//! Merges normalized subgraphs into one supergraph model with `join__*` metadata, applying
//! Apollo's merge rules (sharing, type compatibility, argument/input intersection, enums by
//! usage, `@override`, `@interfaceObject`).

pub(crate) mod auth;
mod fields;
mod inaccessible;
mod interfaces;
mod leaf;
mod links;
mod merger;
pub mod model;
pub mod types;
mod value_types;

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Hint, subgraphs_phrase};
use crate::model::{Subgraph, TypeDef, TypeKind};
use merger::{Merger, merge_applied};
use model::{Graph, JoinType, MergedSchema, MergedType};

pub fn merge(subgraphs: &[Subgraph]) -> (MergedSchema, Vec<Diagnostic>, Vec<Hint>) {
    let mut merger = Merger {
        subgraphs,
        errors: links::check_import_names(subgraphs),
        hints: Vec::new(),
    };
    let graphs = graph_enum_names(subgraphs);

    let mut names: Vec<&str> = Vec::new();
    for subgraph in subgraphs {
        for name in subgraph.types.keys() {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let usage = leaf::enum_usage(subgraphs);

    let mut types = IndexMap::new();
    for name in names {
        let sources: Vec<(usize, &TypeDef)> = subgraphs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.types.get(name).map(|t| (i, t)))
            .collect();
        let Some(kind) = merger.check_kind(name, &sources) else {
            continue;
        };
        merger.check_extension_with_no_base(name, &sources);
        let merged = match kind {
            TypeKind::Object | TypeKind::Interface => {
                merger.hint_on_inconsistent_types(name, kind, &sources);
                merger.merge_composite(name, kind, &sources)
            }
            TypeKind::Union => merger.merge_union(name, &sources),
            TypeKind::Enum => merger.merge_enum(name, &sources, usage.get(name)),
            TypeKind::InputObject => merger.merge_input(name, &sources),
            TypeKind::Scalar => merger.base_type(name, kind, &sources),
        };
        types.insert(name.to_string(), merged);
    }

    let mut schema = MergedSchema {
        graphs,
        roots: ["Query", "Mutation", "Subscription"]
            .into_iter()
            .filter(|r| types.contains_key(*r))
            .map(str::to_string)
            .collect(),
        types,
    };
    merger.add_interface_object_fields(&mut schema);
    auth::propagate_to_interfaces(&mut schema);
    merger.check_interface_fields(&schema);
    merger.check_interface_implementations(&schema);
    if schema
        .types
        .get("Query")
        .is_none_or(|q| q.fields.is_empty())
    {
        merger.errors.push(Diagnostic::new(
            "NO_QUERIES",
            "No queries found in any subgraph: a supergraph must have a query root type.",
        ));
    }
    inaccessible::validate(&schema, &mut merger.errors);
    (schema, merger.errors, merger.hints)
}

/// `join__Graph` values: the subgraph name upper-cased, other characters as `_`.
fn graph_enum_names(subgraphs: &[Subgraph]) -> Vec<Graph> {
    let mut out: Vec<Graph> = Vec::new();
    for subgraph in subgraphs {
        let mut base: String = subgraph
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert(0, '_');
        }
        let mut candidate = base.clone();
        let mut n = 1;
        while out.iter().any(|g| g.enum_name == candidate) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        out.push(Graph {
            name: subgraph.name.clone(),
            url: subgraph.url.clone(),
            enum_name: candidate,
        });
    }
    out
}

impl Merger<'_> {
    fn check_kind(&mut self, name: &str, sources: &[(usize, &TypeDef)]) -> Option<TypeKind> {
        let effective = |t: &TypeDef| {
            if t.interface_object {
                TypeKind::Interface
            } else {
                t.kind
            }
        };
        let first = effective(sources[0].1);
        let mut by_kind: IndexMap<TypeKind, Vec<usize>> = IndexMap::new();
        for (graph, ty) in sources {
            by_kind.entry(effective(ty)).or_default().push(*graph);
        }
        if by_kind.len() == 1 {
            if first == TypeKind::Interface && sources.iter().all(|(_, t)| t.interface_object) {
                let names: Vec<&str> = sources.iter().map(|(g, _)| self.graph_name(*g)).collect();
                self.errors.push(
                    Diagnostic::new(
                        "INTERFACE_OBJECT_USAGE_ERROR",
                        format!(
                            "Type \"{name}\" is declared with @interfaceObject in all the subgraphs in which it is defined (it is defined in {} but should be defined as an interface in at least one subgraph)",
                            subgraphs_phrase(&names)
                        ),
                    )
                    .at_all(sources.iter().map(|(_, t)| t.location.clone())),
                );
            }
            return Some(first);
        }
        let parts: Vec<String> = by_kind
            .iter()
            .map(|(kind, graphs)| {
                let names: Vec<&str> = graphs.iter().map(|g| self.graph_name(*g)).collect();
                format!("{} in {}", kind.describe(), subgraphs_phrase(&names))
            })
            .collect();
        self.errors.push(
            Diagnostic::new(
                "TYPE_KIND_MISMATCH",
                format!(
                    "Type \"{name}\" has mismatched kind: it is defined as {} but {}",
                    parts[0],
                    parts[1..].join(" and ")
                ),
            )
            .at_all(sources.iter().map(|(_, t)| t.location.clone())),
        );
        None
    }

    /// A Federation 2 `extend type` needs a definition somewhere (root types excepted).
    fn check_extension_with_no_base(&mut self, name: &str, sources: &[(usize, &TypeDef)]) {
        if matches!(name, "Query" | "Mutation" | "Subscription")
            || sources.iter().any(|(_, t)| t.has_definition)
        {
            return;
        }
        for (graph, ty) in sources {
            // Apollo's Federation 1 upgrade checks this too, for object and interface types.
            if !self.subgraphs[*graph].fed2
                && !matches!(ty.kind, TypeKind::Object | TypeKind::Interface)
            {
                continue;
            }
            self.errors.push(
                Diagnostic::new(
                    "EXTENSION_WITH_NO_BASE",
                    format!(
                        "[{}] Type \"{name}\" is an extension type, but there is no type definition for \"{name}\" in any subgraph.",
                        self.graph_name(*graph)
                    ),
                )
                .at(ty.location.clone()),
            );
        }
    }

    fn base_type(
        &mut self,
        name: &str,
        kind: TypeKind,
        sources: &[(usize, &TypeDef)],
    ) -> MergedType {
        let mut join_types = Vec::new();
        for (graph, ty) in sources {
            if ty.keys.is_empty() {
                join_types.push(JoinType {
                    graph: *graph,
                    key: None,
                    extension: false,
                    resolvable: None,
                    interface_object: ty.interface_object,
                });
            }
            for key in &ty.keys {
                join_types.push(JoinType {
                    graph: *graph,
                    key: Some(key.fields.clone()),
                    extension: key.extension,
                    resolvable: key.resolvable,
                    interface_object: ty.interface_object,
                });
            }
        }
        MergedType {
            name: name.to_string(),
            kind,
            description: self.description_of(
                name,
                sources.iter().map(|(g, t)| (*g, t.description.as_ref())),
                &sources
                    .iter()
                    .filter_map(|(_, t)| t.location.clone())
                    .collect::<Vec<_>>(),
            ),
            join_types,
            implements: Vec::new(),
            join_implements: Vec::new(),
            members: Vec::new(),
            join_members: Vec::new(),
            fields: IndexMap::new(),
            values: IndexMap::new(),
            applied: merge_applied(sources.iter().map(|(_, t)| &t.applied)),
            locations: sources
                .iter()
                .filter_map(|(_, t)| t.location.clone())
                .collect(),
        }
    }
}
