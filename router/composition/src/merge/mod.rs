//! Merges normalized subgraphs into one supergraph model with `join__*` metadata, applying
//! Apollo's merge rules (sharing, type compatibility, argument/input intersection, enums by
//! usage, `@override`, `@interfaceObject`).

pub(crate) mod auth;
mod fields;
mod inaccessible;
mod interfaces;
mod leaf;
pub mod model;
pub mod types;

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Hint, Location, subgraphs_phrase};
use crate::model::{Applied, Subgraph, TypeDef, TypeKind};
use model::{Graph, JoinType, MergedSchema, MergedType};

pub(crate) struct Merger<'a> {
    pub subgraphs: &'a [Subgraph],
    pub errors: Vec<Diagnostic>,
    pub hints: Vec<Hint>,
}

pub fn merge(subgraphs: &[Subgraph]) -> (MergedSchema, Vec<Diagnostic>, Vec<Hint>) {
    let mut merger = Merger {
        subgraphs,
        errors: Vec::new(),
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
            TypeKind::Object | TypeKind::Interface => merger.merge_composite(name, kind, &sources),
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
    if !schema.types.contains_key("Query") {
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

/// The most common non-empty description, the first one on ties.
pub(crate) fn merge_descriptions<'d>(
    descriptions: impl Iterator<Item = Option<&'d String>>,
) -> Option<String> {
    let mut counts: IndexMap<&str, usize> = IndexMap::new();
    for d in descriptions.flatten() {
        if !d.trim().is_empty() {
            *counts.entry(d.as_str()).or_default() += 1;
        }
    }
    let max = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == max)
        .map(|(d, _)| d.to_string())
}

/// `@inaccessible` if any copy has it, every distinct `@tag`, and the most common
/// `@deprecated` (the first on ties), as Apollo merges applied directives.
pub(crate) fn merge_applied<'d>(all: impl Iterator<Item = &'d Applied>) -> Applied {
    let mut out = Applied::default();
    let mut reasons: IndexMap<Option<String>, usize> = IndexMap::new();
    let mut order_known = false;
    let mut accesses = Vec::new();
    for applied in all {
        accesses.push(&applied.access);
        out.inaccessible |= applied.inaccessible;
        if out.specified_by.is_none() {
            out.specified_by = applied.specified_by.clone();
        }
        for tag in &applied.tags {
            if !out.tags.contains(tag) {
                out.tags.push(tag.clone());
            }
        }
        if let Some(reason) = &applied.deprecated {
            *reasons.entry(reason.clone()).or_default() += 1;
        }
        if !order_known && (applied.deprecated.is_some() || !applied.tags.is_empty()) {
            out.deprecated_first = applied.deprecated.is_some() && applied.deprecated_first;
            order_known = true;
        }
    }
    out.access = auth::combine(accesses);
    let max = reasons.values().copied().max().unwrap_or(0);
    out.deprecated = reasons.into_iter().find(|(_, n)| *n == max).map(|(r, _)| r);
    out
}

impl Merger<'_> {
    pub(crate) fn graph_name(&self, graph: usize) -> &str {
        &self.subgraphs[graph].name
    }

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
                            "Type \"{name}\" is declared with @interfaceObject in all the subgraphs in which is is defined (it is defined in {} but should be defined as an interface in at least one subgraph)",
                            subgraphs_phrase(&names)
                        ),
                    )
                    .at_all(sources.iter().map(|(_, t)| t.location.clone())),
                );
            }
            if first == TypeKind::Interface && sources.iter().any(|(_, t)| t.interface_object) {
                for (graph, ty) in sources
                    .iter()
                    .filter(|(_, t)| !t.interface_object && t.keys.is_empty())
                {
                    let users: Vec<&str> = sources
                        .iter()
                        .filter(|(_, t)| t.interface_object)
                        .map(|(g, _)| self.graph_name(*g))
                        .collect();
                    self.errors.push(
                        Diagnostic::new(
                            "INTERFACE_OBJECT_USAGE_ERROR",
                            format!(
                                "Type \"{name}\" is declared with @interfaceObject in {} but interface \"{name}\" has no @key in subgraph \"{}\": an interface must be an entity (have a @key) to be used as an @interfaceObject.",
                                subgraphs_phrase(&users),
                                self.graph_name(*graph)
                            ),
                        )
                        .at(ty.location.clone()),
                    );
                }
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
            if !self.subgraphs[*graph].fed2 {
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
            description: merge_descriptions(sources.iter().map(|(_, t)| t.description.as_ref())),
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

    /// Reports incompatible types, grouping subgraphs by the type they use.
    pub(crate) fn type_mismatch(
        &mut self,
        code: &'static str,
        what: &str,
        qualifier: &str,
        typed: &[(usize, &apollo_compiler::ast::Type)],
        locations: &[Location],
    ) {
        let mut groups: IndexMap<String, Vec<&str>> = IndexMap::new();
        for (graph, ty) in typed {
            groups
                .entry(ty.to_string())
                .or_default()
                .push(self.graph_name(*graph));
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(ty, graphs)| format!("type \"{ty}\" in {}", subgraphs_phrase(graphs)))
            .collect();
        self.errors.push(
            Diagnostic::new(
                code,
                format!(
                    "{what} is incompatible across subgraphs{qualifier}: it has {} but {}",
                    parts[0],
                    parts[1..].join(" and ")
                ),
            )
            .at_all(locations.iter().cloned().map(Some)),
        );
    }

    /// Apollo's intersection rule: the supergraph has a default only if every subgraph has
    /// the same one; two different defaults are an error, a missing one a hint.
    pub(crate) fn merge_default<'v>(
        &mut self,
        code: &'static str,
        what: &str,
        defaults: impl Iterator<Item = (usize, Option<&'v apollo_compiler::ast::Value>)>,
        locations: &[Location],
    ) -> Option<apollo_compiler::ast::Value> {
        let all: Vec<(usize, Option<&apollo_compiler::ast::Value>)> = defaults.collect();
        let with_default: Vec<(usize, &apollo_compiler::ast::Value)> =
            all.iter().filter_map(|(g, d)| d.map(|d| (*g, d))).collect();
        let first = *with_default.first()?;
        if let Some(other) = with_default.iter().find(|(_, d)| *d != first.1) {
            self.errors.push(
                Diagnostic::new(
                    code,
                    format!(
                        "{what} has incompatible default values across subgraphs: it has default value {} in subgraph \"{}\" but default value {} in subgraph \"{}\"",
                        crate::print::value(first.1),
                        self.graph_name(first.0),
                        crate::print::value(other.1),
                        self.graph_name(other.0)
                    ),
                )
                .at_all(locations.iter().cloned().map(Some)),
            );
            return Some(first.1.clone());
        }
        let without: Vec<&str> = all
            .iter()
            .filter(|(_, d)| d.is_none())
            .map(|(g, _)| self.graph_name(*g))
            .collect();
        if without.is_empty() {
            return Some(first.1.clone());
        }
        let with: Vec<&str> = with_default
            .iter()
            .map(|(g, _)| self.graph_name(*g))
            .collect();
        self.hints.push(Hint {
            code: "INCONSISTENT_DEFAULT_VALUE_PRESENCE",
            message: format!(
                "{what} has a default value in only some subgraphs: will not use a default in the supergraph (there is no default in {}) but {} has default value {} in {}",
                subgraphs_phrase(&without),
                what.split(' ').nth(1).unwrap_or_default(),
                crate::print::value(first.1),
                subgraphs_phrase(&with)
            ),
            locations: locations.to_vec(),
        });
        None
    }
}
