//! Unions, enums and input objects: members, values and fields across subgraphs.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::merger::{Merger, merge_applied, merge_descriptions};
use super::model::{JoinField, MergedField, MergedType, MergedValue};
use super::types;
use crate::diagnostic::{Diagnostic, Hint, Location, subgraphs_phrase};
use crate::model::{Subgraph, TypeDef, TypeKind};

/// Where an enum is used, with one example coordinate for each side (for messages).
#[derive(Default)]
pub(super) struct EnumUsage {
    input: Option<String>,
    output: Option<String>,
}

pub(super) fn enum_usage(subgraphs: &[Subgraph]) -> HashMap<String, EnumUsage> {
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

impl Merger<'_> {
    pub(super) fn merge_union(&mut self, name: &str, sources: &[(usize, &TypeDef)]) -> MergedType {
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

    pub(super) fn merge_enum(
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

    pub(super) fn merge_input(&mut self, name: &str, sources: &[(usize, &TypeDef)]) -> MergedType {
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
            if !all_equal {
                self.compatible_types_hint("field", &coordinate, &ty, &typed, true, &locations);
            }
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
                    description: self.description_of(
                        &coordinate,
                        defs.iter().map(|(g, f)| (*g, f.description.as_ref())),
                        &locations,
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
}
