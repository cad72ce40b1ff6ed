//! Merges normalized subgraphs into one supergraph model with `join__*` metadata, applying
//! Apollo's merge rules (sharing, type compatibility, argument/input intersection, enums by
//! usage, `@override`, `@interfaceObject`).

mod fields;
mod inaccessible;
pub mod model;
pub mod types;

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Hint, Location, subgraphs_phrase};
use crate::model::{Applied, Subgraph, TypeDef, TypeKind};
use model::{Graph, JoinField, JoinType, MergedField, MergedSchema, MergedType, MergedValue};

pub(crate) struct Merger<'a> {
    pub subgraphs: &'a [Subgraph],
    pub errors: Vec<Diagnostic>,
    pub hints: Vec<Hint>,
}

/// Where an enum is used, with one example coordinate for each side (for messages).
#[derive(Default)]
struct EnumUsage {
    input: Option<String>,
    output: Option<String>,
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
    let usage = enum_usage(subgraphs);

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

fn enum_usage(subgraphs: &[Subgraph]) -> HashMap<String, EnumUsage> {
    let mut usage: HashMap<String, EnumUsage> = HashMap::new();
    for subgraph in subgraphs {
        let is_enum = |name: &str| {
            subgraph
                .types
                .get(name)
                .is_some_and(|t| t.kind == TypeKind::Enum)
        };
        for ty in subgraph.types.values() {
            for field in ty.fields.values() {
                let target = crate::model::named(&field.ty);
                if is_enum(target) {
                    usage
                        .entry(target.to_string())
                        .or_default()
                        .output
                        .get_or_insert_with(|| format!("{}.{}", ty.name, field.name));
                }
                for arg in field.args.values() {
                    let target = crate::model::named(&arg.ty);
                    if is_enum(target) {
                        usage
                            .entry(target.to_string())
                            .or_default()
                            .input
                            .get_or_insert_with(|| {
                                format!("{}.{}({}:)", ty.name, field.name, arg.name)
                            });
                    }
                }
            }
            for field in ty.input_fields.values() {
                let target = crate::model::named(&field.ty);
                if is_enum(target) {
                    usage
                        .entry(target.to_string())
                        .or_default()
                        .input
                        .get_or_insert_with(|| format!("{}.{}", ty.name, field.name));
                }
            }
        }
    }
    usage
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
    for applied in all {
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

    fn merge_union(&mut self, name: &str, sources: &[(usize, &TypeDef)]) -> MergedType {
        let mut merged = self.base_type(name, TypeKind::Union, sources);
        for (_, ty) in sources {
            for member in &ty.members {
                if !merged.members.contains(member) {
                    merged.members.push(member.clone());
                }
            }
        }
        for member in merged.members.clone() {
            for (graph, ty) in sources {
                if ty.members.contains(&member) {
                    merged.join_members.push((*graph, member.clone()));
                }
            }
            let (having, missing): (Vec<_>, Vec<_>) = sources
                .iter()
                .partition(|(_, t)| t.members.contains(&member));
            if !missing.is_empty() {
                let having: Vec<&str> = having.iter().map(|(g, _)| self.graph_name(*g)).collect();
                let missing: Vec<&str> = missing.iter().map(|(g, _)| self.graph_name(*g)).collect();
                self.hints.push(Hint {
                    code: "INCONSISTENT_UNION_MEMBER",
                    message: format!(
                        "Union type \"{name}\" includes member type \"{member}\" in some but not all defining subgraphs: \"{member}\" is defined in {} but not in {}",
                        subgraphs_phrase(&having),
                        subgraphs_phrase(&missing)
                    ),
                    locations: merged.locations.clone(),
                });
            }
        }
        merged
    }

    fn merge_enum(
        &mut self,
        name: &str,
        sources: &[(usize, &TypeDef)],
        usage: Option<&EnumUsage>,
    ) -> MergedType {
        let mut merged = self.base_type(name, TypeKind::Enum, sources);
        let mut value_names: Vec<&str> = Vec::new();
        for (_, ty) in sources {
            for value in ty.values.keys() {
                if !value_names.contains(&value.as_str()) {
                    value_names.push(value);
                }
            }
        }
        let (input, output) = match usage {
            Some(u) => (u.input.as_deref(), u.output.as_deref()),
            None => {
                self.hints.push(Hint {
                    code: "UNUSED_ENUM_TYPE",
                    message: format!(
                        "Enum type \"{name}\" is defined but unused. It will be included in the supergraph with all the values appearing in any subgraph (\"as if\" it was only used as an output type)."
                    ),
                    locations: merged.locations.clone(),
                });
                (None, None)
            }
        };
        for value in value_names {
            let having: Vec<usize> = sources
                .iter()
                .filter(|(_, t)| t.values.contains_key(value))
                .map(|(g, _)| *g)
                .collect();
            let missing: Vec<&str> = sources
                .iter()
                .filter(|(_, t)| !t.values.contains_key(value))
                .map(|(g, _)| self.graph_name(*g))
                .collect();
            let having_names: Vec<&str> = having.iter().map(|g| self.graph_name(*g)).collect();
            let locations: Vec<Location> = sources
                .iter()
                .filter_map(|(_, t)| t.values.get(value).and_then(|v| v.location.clone()))
                .collect();
            // A value marked @inaccessible is kept whatever the usage (it is hidden anyway).
            let hidden = sources
                .iter()
                .any(|(_, t)| t.values.get(value).is_some_and(|v| v.applied.inaccessible));
            if !missing.is_empty() && !hidden {
                match (input, output) {
                    (Some(input), Some(output)) => {
                        self.errors.push(
                            Diagnostic::new(
                                "ENUM_VALUE_MISMATCH",
                                format!(
                                    "Enum type \"{name}\" is used as both input type (for example, as type of \"{input}\") and output type (for example, as type of \"{output}\"), but value \"{value}\" is not defined in all the subgraphs defining \"{name}\": \"{value}\" is defined in {} but not in {}",
                                    subgraphs_phrase(&having_names),
                                    subgraphs_phrase(&missing)
                                ),
                            )
                            .at_all(locations.iter().cloned().map(Some))
                            .at_all(sources.iter().filter(|(_, t)| !t.values.contains_key(value)).map(|(_, t)| t.location.clone())),
                        );
                        continue;
                    }
                    (Some(_), None) => {
                        self.hints.push(Hint {
                            code: "INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM",
                            message: format!(
                                "Value \"{value}\" of enum type \"{name}\" will not be part of the supergraph as it is not defined in all the subgraphs defining \"{name}\": \"{value}\" is defined in {} but not in {}",
                                subgraphs_phrase(&having_names),
                                subgraphs_phrase(&missing)
                            ),
                            locations: locations.clone(),
                        });
                        continue;
                    }
                    _ => self.hints.push(Hint {
                        code: "INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM",
                        message: format!(
                            "Value \"{value}\" of enum type \"{name}\" has been added to the supergraph but is only defined in a subset of the subgraphs defining \"{name}\": \"{value}\" is defined in {} but not in {}",
                            subgraphs_phrase(&having_names),
                            subgraphs_phrase(&missing)
                        ),
                        locations: locations.clone(),
                    }),
                }
            }
            let defs: Vec<&crate::model::EnumValue> = sources
                .iter()
                .filter_map(|(_, t)| t.values.get(value))
                .collect();
            merged.values.insert(
                value.to_string(),
                MergedValue {
                    name: value.to_string(),
                    description: merge_descriptions(defs.iter().map(|v| v.description.as_ref())),
                    graphs: having,
                    applied: merge_applied(defs.iter().map(|v| &v.applied)),
                },
            );
        }
        if merged.values.is_empty() && input.is_some() && output.is_none() {
            self.errors.push(
                Diagnostic::new(
                    "EMPTY_MERGED_ENUM_TYPE",
                    format!(
                        "None of the values of enum type \"{name}\" are defined consistently in all the subgraphs defining that type. As only values common to all subgraphs are merged, this would result in an empty type."
                    ),
                )
                .at_all(sources.iter().map(|(_, t)| t.location.clone())),
            );
        }
        merged
    }

    fn merge_input(&mut self, name: &str, sources: &[(usize, &TypeDef)]) -> MergedType {
        let mut merged = self.base_type(name, TypeKind::InputObject, sources);
        let mut field_names: Vec<&str> = Vec::new();
        for (_, ty) in sources {
            for field in ty.input_fields.keys() {
                if !field_names.contains(&field.as_str()) {
                    field_names.push(field);
                }
            }
        }
        for field_name in field_names {
            let defs: Vec<(usize, &crate::model::InputValue)> = sources
                .iter()
                .filter_map(|(g, t)| t.input_fields.get(field_name).map(|f| (*g, f)))
                .collect();
            let missing: Vec<&str> = sources
                .iter()
                .filter(|(_, t)| !t.input_fields.contains_key(field_name))
                .map(|(g, _)| self.graph_name(*g))
                .collect();
            let locations: Vec<Location> = defs
                .iter()
                .filter_map(|(_, f)| f.location.clone())
                .collect();
            let hidden = defs.iter().any(|(_, f)| f.applied.inaccessible);
            if !missing.is_empty() && !hidden {
                let required: Vec<&str> = defs
                    .iter()
                    .filter(|(_, f)| types::is_required(&f.ty, f.default.is_some()))
                    .map(|(g, _)| self.graph_name(*g))
                    .collect();
                let having: Vec<&str> = defs.iter().map(|(g, _)| self.graph_name(*g)).collect();
                if required.is_empty() {
                    self.hints.push(Hint {
                        code: "INCONSISTENT_INPUT_OBJECT_FIELD",
                        message: format!(
                            "Input object field \"{field_name}\" will not be added to \"{name}\" in the supergraph as it does not appear in all subgraphs: it is defined in {} but not in {}.",
                            subgraphs_phrase(&having),
                            subgraphs_phrase(&missing)
                        ),
                        locations,
                    });
                } else {
                    self.errors.push(
                        Diagnostic::new(
                            "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                            format!(
                                "Input object field \"{name}.{field_name}\" is required in some subgraphs but does not appear in all subgraphs: it is required in {} but does not appear in {}",
                                subgraphs_phrase(&required),
                                subgraphs_phrase(&missing)
                            ),
                        )
                        .at_all(locations.into_iter().map(Some)),
                    );
                }
                continue;
            }
            let coordinate = format!("{name}.{field_name}");
            let typed: Vec<(usize, &apollo_compiler::ast::Type)> =
                defs.iter().map(|(g, f)| (*g, &f.ty)).collect();
            let ty = match types::most_specific(&typed) {
                Ok(ty) => ty.clone(),
                Err(_) => {
                    self.type_mismatch(
                        "FIELD_TYPE_MISMATCH",
                        &format!("Type of field \"{coordinate}\""),
                        "",
                        &typed,
                        &locations,
                    );
                    continue;
                }
            };
            let all_equal = typed.iter().all(|(_, t)| **t == ty);
            let default = self.merge_default(
                "INPUT_FIELD_DEFAULT_MISMATCH",
                &format!("Input field \"{coordinate}\""),
                defs.iter().map(|(g, f)| (*g, f.default.as_ref())),
                &locations,
            );
            let join = if all_equal {
                Vec::new()
            } else {
                defs.iter()
                    .map(|(g, f)| JoinField {
                        graph: Some(*g),
                        ty: Some(f.ty.to_string()),
                        ..JoinField::default()
                    })
                    .collect()
            };
            merged.fields.insert(
                field_name.to_string(),
                MergedField {
                    name: field_name.to_string(),
                    description: merge_descriptions(
                        defs.iter().map(|(_, f)| f.description.as_ref()),
                    ),
                    ty,
                    args: IndexMap::new(),
                    join,
                    applied: merge_applied(defs.iter().map(|(_, f)| &f.applied)),
                    default,
                    locations,
                },
            );
        }
        if merged.fields.is_empty() {
            self.errors.push(
                Diagnostic::new(
                    "EMPTY_MERGED_INPUT_TYPE",
                    format!(
                        "None of the fields of input object type \"{name}\" are consistently defined in all the subgraphs defining that type. As only fields common to all subgraphs are merged, this would result in an empty type."
                    ),
                )
                .at_all(sources.iter().map(|(_, t)| t.location.clone())),
            );
        }
        merged
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

    /// Fields an `@interfaceObject` adds to an interface exist on every implementation in
    /// the supergraph, resolved through the interface object (a bare `@join__field`).
    fn add_interface_object_fields(&mut self, schema: &mut MergedSchema) {
        let mut additions: Vec<(String, MergedField)> = Vec::new();
        for ty in schema.types.values().filter(|t| t.kind == TypeKind::Object) {
            for interface in &ty.implements {
                let Some(iface) = schema.types.get(interface) else {
                    continue;
                };
                for field in iface.fields.values() {
                    if ty.fields.contains_key(&field.name) {
                        continue;
                    }
                    let provided = self.subgraphs.iter().any(|s| {
                        s.types.get(interface).is_some_and(|t| {
                            t.interface_object
                                && t.fields.get(&field.name).is_some_and(|f| !f.external)
                        })
                    });
                    if provided {
                        let mut added = field.clone();
                        added.join = vec![JoinField::default()];
                        additions.push((ty.name.clone(), added));
                    }
                }
            }
        }
        for (type_name, field) in additions {
            if let Some(ty) = schema.types.get_mut(&type_name) {
                ty.fields.entry(field.name.clone()).or_insert(field);
            }
        }
    }

    /// A subgraph with a resolvable `@key` on an interface must know all its implementations;
    /// one that sees the interface as an `@interfaceObject` must know none.
    fn check_interface_implementations(&mut self, schema: &MergedSchema) {
        let types_phrase = |names: &[&str]| {
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            let list = match quoted.len() {
                1 => quoted[0].clone(),
                n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
            };
            if names.len() == 1 {
                format!("type {list}")
            } else {
                format!("types {list}")
            }
        };
        for iface in schema
            .types
            .values()
            .filter(|t| t.kind == TypeKind::Interface)
        {
            let implementations: Vec<&str> = schema
                .types
                .values()
                .filter(|t| t.kind == TypeKind::Object && t.implements.contains(&iface.name))
                .map(|t| t.name.as_str())
                .collect();
            for subgraph in self.subgraphs {
                let Some(local) = subgraph.types.get(&iface.name) else {
                    continue;
                };
                let name = subgraph.name.clone();
                if local.interface_object {
                    let defined: Vec<&str> = implementations
                        .iter()
                        .copied()
                        .filter(|i| subgraph.types.contains_key(*i))
                        .collect();
                    if !defined.is_empty() {
                        self.errors.push(
                            Diagnostic::new(
                                "INTERFACE_OBJECT_USAGE_ERROR",
                                format!(
                                    "[{name}] Interface type \"{}\" is defined as an @interfaceObject in subgraph \"{name}\" so that subgraph should not define any of the implementation types of \"{}\", but it defines {}",
                                    iface.name,
                                    iface.name,
                                    types_phrase(&defined)
                                ),
                            )
                            .at(local.location.clone()),
                        );
                    }
                    continue;
                }
                let Some(key) = local.keys.iter().find(|k| k.resolvable != Some(false)) else {
                    continue;
                };
                let missing: Vec<&str> = implementations
                    .iter()
                    .copied()
                    .filter(|i| {
                        !subgraph
                            .types
                            .get(*i)
                            .is_some_and(|t| t.implements.contains(&iface.name))
                    })
                    .collect();
                if !missing.is_empty() {
                    self.errors.push(
                        Diagnostic::new(
                            "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                            format!(
                                "[{name}] Interface type \"{}\" has a resolvable key (@key(fields: \"{}\")) in subgraph \"{name}\" but that subgraph is missing some of the supergraph implementation types of \"{}\". Subgraph \"{name}\" should define {} (and have {} implement \"{}\").",
                                iface.name,
                                key.fields,
                                iface.name,
                                types_phrase(&missing),
                                if missing.len() > 1 { "them" } else { "it" },
                                iface.name
                            ),
                        )
                        .at(key.location.clone()),
                    );
                }
            }
        }
    }

    fn check_interface_fields(&mut self, schema: &MergedSchema) {
        for ty in schema.types.values().filter(|t| t.kind == TypeKind::Object) {
            for interface in &ty.implements {
                let Some(iface) = schema.types.get(interface) else {
                    continue;
                };
                for field in iface.fields.values() {
                    if ty.fields.contains_key(&field.name) {
                        continue;
                    }
                    let declaring: Vec<&str> = self
                        .subgraphs
                        .iter()
                        .filter(|s| s.field(interface, &field.name).is_some())
                        .map(|s| s.name.as_str())
                        .collect();
                    let implementing: Vec<&str> = self
                        .subgraphs
                        .iter()
                        .filter(|s| {
                            s.types
                                .get(&ty.name)
                                .is_some_and(|t| t.implements.contains(interface))
                        })
                        .map(|s| s.name.as_str())
                        .collect();
                    self.errors.push(
                        Diagnostic::new(
                            "INTERFACE_FIELD_NO_IMPLEM",
                            format!(
                                "Interface field \"{interface}.{}\" is declared in {} but type \"{}\", which implements \"{interface}\" only in {} does not have field \"{}\".",
                                field.name,
                                subgraphs_phrase(&declaring),
                                ty.name,
                                subgraphs_phrase(&implementing),
                                field.name
                            ),
                        )
                        .at_all(field.locations.iter().cloned().map(Some))
                        .at_all(ty.locations.iter().cloned().map(Some)),
                    );
                }
            }
        }
    }
}
