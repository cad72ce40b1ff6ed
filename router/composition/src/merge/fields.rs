//! Object and interface types: fields, `@join__field`, sharing and `@override`.

use std::collections::HashMap;

use apollo_compiler::ast::Type;
use indexmap::IndexMap;

use super::merger::{Merger, merge_applied};
use super::model::{JoinField, MergedArg, MergedField, MergedType};
use super::types;
use crate::diagnostic::{Diagnostic, Hint, Location, subgraphs_phrase};
use crate::model::{Field, TypeDef, TypeKind};

/// How `@override` affects one subgraph's copy of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overridden {
    /// Taken over and not needed by the source subgraph any more: no `@join__field`.
    Unused,
    /// Taken over but still needed locally (keys, requires): `usedOverridden: true`.
    Used,
}

impl Merger<'_> {
    pub(super) fn merge_composite(
        &mut self,
        name: &str,
        kind: TypeKind,
        sources: &[(usize, &TypeDef)],
    ) -> MergedType {
        let mut merged = self.base_type(name, kind, sources);
        for (graph, ty) in sources {
            for interface in &ty.implements {
                if !merged.implements.contains(interface) {
                    merged.implements.push(interface.clone());
                }
                merged.join_implements.push((*graph, interface.clone()));
            }
        }
        let mut field_names: Vec<&str> = Vec::new();
        for (_, ty) in sources {
            for field in ty.fields.keys() {
                if !field_names.contains(&field.as_str()) {
                    field_names.push(field);
                }
            }
        }
        for field_name in field_names {
            let defs: Vec<(usize, &Field)> = sources
                .iter()
                .filter_map(|(g, t)| t.fields.get(field_name).map(|f| (*g, f)))
                .collect();
            if let Some(field) = self.merge_field(name, kind, sources, &defs) {
                merged.fields.insert(field_name.to_string(), field);
            }
        }
        merged
    }

    fn merge_field(
        &mut self,
        type_name: &str,
        kind: TypeKind,
        type_sources: &[(usize, &TypeDef)],
        defs: &[(usize, &Field)],
    ) -> Option<MergedField> {
        let field_name = &defs[0].1.name;
        let coordinate = format!("{type_name}.{field_name}");
        let locations: Vec<Location> = defs
            .iter()
            .filter_map(|(_, f)| f.location.clone())
            .collect();

        if defs.iter().all(|(_, f)| f.external) {
            let names: Vec<&str> = defs.iter().map(|(g, _)| self.graph_name(*g)).collect();
            self.errors.push(
                Diagnostic::new(
                    "EXTERNAL_MISSING_ON_BASE",
                    format!(
                        "Field \"{coordinate}\" is marked @external on all the subgraphs in which it is listed ({}).",
                        subgraphs_phrase(&names)
                    ),
                )
                .at_all(locations.iter().cloned().map(Some)),
            );
            return None;
        }

        let (overridden, labels) = self.resolve_overrides(kind, type_sources, &coordinate, defs);
        let active: Vec<(usize, &Field)> = defs
            .iter()
            .filter(|(g, _)| {
                overridden.get(g) != Some(&Overridden::Unused) || labels.contains_key(g)
            })
            .copied()
            .collect();

        if kind == TypeKind::Object {
            self.check_sharing(type_name, &coordinate, &active, &overridden, &labels);
        }
        if type_name == "Subscription" {
            for (_, field) in defs.iter().filter(|(_, f)| f.shareable) {
                self.errors.push(
                    Diagnostic::new(
                        "INVALID_FIELD_SHARING",
                        "Fields on root level subscription object cannot be marked as shareable",
                    )
                    .at(field.location.clone()),
                );
            }
        }

        // External copies do not shape the type; they must only agree with it.
        // Overridden copies still count: a takeover must keep the field's type.
        let typed: Vec<(usize, &Type)> = defs
            .iter()
            .filter(|(_, f)| !f.external || defs.iter().all(|(_, f)| f.external))
            .map(|(g, f)| (*g, &f.ty))
            .collect();
        let ty = match types::most_general(self.subgraphs, &typed) {
            Ok(ty) => ty.clone(),
            Err(_) => {
                self.type_mismatch(
                    "FIELD_TYPE_MISMATCH",
                    &format!("Type of field \"{coordinate}\""),
                    "",
                    &typed,
                    &locations,
                );
                return None;
            }
        };
        let all_equal = typed.iter().all(|(_, t)| **t == ty);
        // An external copy must have the merged type, or a subtype of it when types differ.
        let mismatched_external = defs.iter().any(|(_, f)| {
            f.external
                && f.ty != ty
                && (all_equal || !types::is_subtype(self.subgraphs, &ty, &f.ty))
        });
        if mismatched_external && typed.len() < defs.len() {
            let all: Vec<(usize, &Type)> = defs.iter().map(|(g, f)| (*g, &f.ty)).collect();
            self.type_mismatch(
                "EXTERNAL_TYPE_MISMATCH",
                &format!("Type of field \"{coordinate}\""),
                " (where marked @external)",
                &all,
                &locations,
            );
            return None;
        }
        if !all_equal {
            self.compatible_types_hint("field", &coordinate, &ty, &typed, false, &locations);
        }

        // Like Apollo, arguments, descriptions and directives come from the non-external
        // copies, overridden ones included.
        let non_external: Vec<(usize, &Field)> =
            defs.iter().filter(|(_, f)| !f.external).copied().collect();
        let arg_sources = non_external.clone();
        let args = self.merge_args(&coordinate, &arg_sources);

        let needs_join = !all_equal
            || overridden.values().any(|o| *o == Overridden::Used)
            || !labels.is_empty()
            || type_sources
                .iter()
                .any(|(g, _)| match active.iter().find(|(ag, _)| ag == g) {
                    None => true,
                    Some((_, f)) => f.external || f.requires.is_some() || f.provides.is_some(),
                });
        let join = if needs_join {
            active
                .iter()
                .map(|(g, f)| JoinField {
                    graph: Some(*g),
                    requires: f.requires.as_ref().map(|r| r.fields.clone()),
                    provides: f.provides.as_ref().map(|p| p.fields.clone()),
                    override_from: f.overrides.as_ref().map(|o| o.from.clone()),
                    ty: (!all_equal).then(|| f.ty.to_string()),
                    external: f.external,
                    used_overridden: overridden.get(g) == Some(&Overridden::Used),
                    override_label: labels.get(g).cloned(),
                })
                .collect()
        } else {
            Vec::new()
        };

        let described = &non_external;
        Some(MergedField {
            name: field_name.clone(),
            description: self.description_of(
                &coordinate,
                described.iter().map(|(g, f)| (*g, f.description.as_ref())),
                &locations,
            ),
            ty,
            args,
            join,
            applied: merge_applied(described.iter().map(|(_, f)| &f.applied)),
            default: None,
            locations,
        })
    }

    /// Apollo's `validateOverride`: which copies an `@override` takes over, which are still
    /// needed by their subgraph (`usedOverridden`), and progressive-override labels.
    fn resolve_overrides(
        &mut self,
        kind: TypeKind,
        type_sources: &[(usize, &TypeDef)],
        coordinate: &str,
        defs: &[(usize, &Field)],
    ) -> (HashMap<usize, Overridden>, HashMap<usize, String>) {
        let mut overridden = HashMap::new();
        let mut labels = HashMap::new();
        let with_override: Vec<usize> = defs
            .iter()
            .filter(|(_, f)| f.overrides.is_some())
            .map(|(g, _)| *g)
            .collect();
        for (graph, field) in defs {
            let Some(over) = &field.overrides else {
                continue;
            };
            let to = self.graph_name(*graph).to_string();
            let here = over.location.clone();
            if kind == TypeKind::Interface {
                let is_interface_object = type_sources
                    .iter()
                    .any(|(g, t)| g == graph && t.interface_object);
                let message = if is_interface_object {
                    format!(
                        "@override is not yet supported on fields of @interfaceObject types: cannot be used on field \"{coordinate}\" on subgraph \"{to}\"."
                    )
                } else {
                    format!(
                        "@override cannot be used on field \"{coordinate}\" on subgraph \"{to}\": @override is not supported on interface type fields."
                    )
                };
                let code = if is_interface_object {
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE"
                } else {
                    "OVERRIDE_ON_INTERFACE"
                };
                self.errors.push(Diagnostic::new(code, message).at(here));
                continue;
            }
            let Some(from) = self.subgraphs.iter().position(|s| s.name == over.from) else {
                self.hints.push(Hint {
                    code: "FROM_SUBGRAPH_DOES_NOT_EXIST",
                    message: format!(
                        "Source subgraph \"{}\" for field \"{coordinate}\" on subgraph \"{to}\" does not exist.",
                        over.from
                    ),
                    locations: here.into_iter().collect(),
                });
                continue;
            };
            if from == *graph {
                self.errors.push(
                    Diagnostic::new(
                        "OVERRIDE_FROM_SELF_ERROR",
                        format!(
                            "Source and destination subgraphs \"{to}\" are the same for overridden field \"{coordinate}\""
                        ),
                    )
                    .at(here),
                );
                continue;
            }
            let from_name = self.graph_name(from).to_string();
            if with_override.contains(&from) {
                let other = defs
                    .iter()
                    .find(|(g, _)| *g == from)
                    .and_then(|(_, f)| f.overrides.as_ref())
                    .and_then(|o| o.location.clone());
                self.errors.push(
                    Diagnostic::new(
                        "OVERRIDE_SOURCE_HAS_OVERRIDE",
                        format!(
                            "Field \"{coordinate}\" on subgraph \"{to}\" is also marked with directive @override in subgraph \"{from_name}\". Only one @override directive is allowed per field."
                        ),
                    )
                    .at(here)
                    .at(other),
                );
                continue;
            }
            let Some((_, from_field)) = defs.iter().find(|(g, _)| *g == from) else {
                self.hints.push(Hint {
                    code: "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
                    message: format!(
                        "Field \"{coordinate}\" on subgraph \"{to}\" no longer exists in the from subgraph. The @override directive can be removed."
                    ),
                    locations: here.into_iter().collect(),
                });
                continue;
            };
            let conflict = if from_field.requires.is_some() {
                Some(("@requires", from_name.clone()))
            } else if from_field.provides.is_some() {
                Some(("@provides", from_name.clone()))
            } else if field.external {
                Some(("@external", to.clone()))
            } else {
                None
            };
            if let Some((directive, on)) = conflict {
                self.errors.push(
                    Diagnostic::new(
                        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                        format!(
                            "@override cannot be used on field \"{coordinate}\" on subgraph \"{to}\" since \"{coordinate}\" on \"{on}\" is marked with directive \"{directive}\""
                        ),
                    )
                    .at(here)
                    .at(from_field.location.clone()),
                );
                continue;
            }
            let from_location: Vec<Location> = from_field.location.iter().cloned().collect();
            if from_field.external {
                self.hints.push(Hint {
                    code: "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
                    message: format!(
                        "Field \"{coordinate}\" on subgraph \"{to}\" is not resolved anymore by the from subgraph (it is marked \"@external\" in \"{from_name}\"). The @override directive can be removed."
                    ),
                    locations: here.into_iter().collect(),
                });
                continue;
            }
            let type_name = coordinate.split('.').next().unwrap_or_default();
            let used = crate::validate::used_fields(&self.subgraphs[from])
                .contains(&(type_name.to_string(), from_field.name.clone()));
            overridden.insert(
                from,
                if used {
                    Overridden::Used
                } else {
                    Overridden::Unused
                },
            );
            match &over.label {
                None if used => self.hints.push(Hint {
                    code: "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                    message: format!(
                        "Field \"{coordinate}\" on subgraph \"{from_name}\" is overridden. It is still used in some federation directive(s) (@key, @requires, and/or @provides) and/or to satisfy interface constraint(s), but consider marking it @external explicitly or removing it along with its references."
                    ),
                    locations: from_location,
                }),
                None => self.hints.push(Hint {
                    code: "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                    message: format!(
                        "Field \"{coordinate}\" on subgraph \"{from_name}\" is overridden. Consider removing it."
                    ),
                    locations: from_location,
                }),
                Some(label) => {
                    if valid_override_label(label) {
                        labels.insert(*graph, label.clone());
                        labels.insert(from, label.clone());
                    } else {
                        self.errors.push(
                            Diagnostic::new(
                                "OVERRIDE_LABEL_INVALID",
                                format!(
                                    "Invalid @override label \"{label}\" on field \"{coordinate}\" on subgraph \"{to}\": labels must start with a letter and after that may contain alphanumerics, underscores, minuses, colons, periods, or slashes. Alternatively, labels may be of the form \"percent(x)\" where x is a float between 0-100 inclusive."
                                ),
                            )
                            .at(here),
                        );
                    }
                    let message = if used {
                        format!(
                            "Field \"{coordinate}\" on subgraph \"{from_name}\" is currently being migrated via progressive @override. It is still used in some federation directive(s) (@key, @requires, and/or @provides) and/or to satisfy interface constraint(s). Once the migration is complete, consider marking it @external explicitly or removing it along with its references."
                        )
                    } else {
                        format!(
                            "Field \"{coordinate}\" is currently being migrated with progressive @override. Once the migration is complete, remove the field from subgraph \"{from_name}\"."
                        )
                    };
                    self.hints.push(Hint {
                        code: "OVERRIDE_MIGRATION_IN_PROGRESS",
                        message,
                        locations: from_location,
                    });
                }
            }
        }
        (overridden, labels)
    }

    fn check_sharing(
        &mut self,
        type_name: &str,
        coordinate: &str,
        active: &[(usize, &Field)],
        overridden: &HashMap<usize, Overridden>,
        labels: &HashMap<usize, String>,
    ) {
        let resolving: Vec<(usize, &Field)> = active
            .iter()
            .filter(|(g, f)| {
                let provided = f.external && self.subgraphs[*g].is_provided(type_name, &f.name);
                (!f.external || provided) && !overridden.contains_key(g)
            })
            .filter(|(g, f)| {
                // With progressive override both copies resolve, by design.
                !(labels.contains_key(g) && f.overrides.is_none())
            })
            .copied()
            .collect();
        if resolving.len() < 2 {
            return;
        }
        let non_shareable: Vec<&str> = resolving
            .iter()
            .filter(|(g, f)| {
                !f.shareable && !f.external && !self.subgraphs[*g].is_key_field(type_name, &f.name)
            })
            .map(|(g, _)| self.graph_name(*g))
            .collect();
        if non_shareable.is_empty() {
            return;
        }
        let all: Vec<&str> = resolving.iter().map(|(g, _)| self.graph_name(*g)).collect();
        let which = if non_shareable.len() == all.len() {
            "all of them".to_string()
        } else {
            subgraphs_phrase(&non_shareable)
        };
        self.errors.push(
            Diagnostic::new(
                "INVALID_FIELD_SHARING",
                format!(
                    "Non-shareable field \"{coordinate}\" is resolved from multiple subgraphs: it is resolved from {} and defined as non-shareable in {which}",
                    subgraphs_phrase(&all)
                ),
            )
            .at_all(resolving.iter().map(|(_, f)| f.location.clone())),
        );
    }

    fn merge_args(
        &mut self,
        coordinate: &str,
        defs: &[(usize, &Field)],
    ) -> IndexMap<String, MergedArg> {
        let mut names: Vec<&str> = Vec::new();
        for (_, field) in defs {
            for arg in field.args.keys() {
                if !names.contains(&arg.as_str()) {
                    names.push(arg);
                }
            }
        }
        let mut out = IndexMap::new();
        for arg_name in names {
            let arg_coordinate = format!("{}({arg_name}:)", coordinate);
            let having: Vec<(usize, &crate::model::InputValue)> = defs
                .iter()
                .filter_map(|(g, f)| f.args.get(arg_name).map(|a| (*g, a)))
                .collect();
            let locations: Vec<Location> = having
                .iter()
                .filter_map(|(_, a)| a.location.clone())
                .collect();
            let missing: Vec<&str> = defs
                .iter()
                .filter(|(_, f)| !f.args.contains_key(arg_name))
                .map(|(g, _)| self.graph_name(*g))
                .collect();
            if !missing.is_empty() {
                let required: Vec<&str> = having
                    .iter()
                    .filter(|(_, a)| types::is_required(&a.ty, a.default.is_some()))
                    .map(|(g, _)| self.graph_name(*g))
                    .collect();
                let present: Vec<&str> = having.iter().map(|(g, _)| self.graph_name(*g)).collect();
                if required.is_empty() {
                    self.hints.push(Hint {
                        code: "INCONSISTENT_ARGUMENT_PRESENCE",
                        message: format!(
                            "Optional argument \"{arg_coordinate}\" will not be included in the supergraph as it does not appear in all subgraphs: it is defined in {} but not in {}.",
                            subgraphs_phrase(&present),
                            subgraphs_phrase(&missing)
                        ),
                        locations,
                    });
                } else {
                    self.errors.push(
                        Diagnostic::new(
                            "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                            format!(
                                "Argument \"{arg_coordinate}\" is required in some subgraphs but does not appear in all subgraphs: it is required in {} but does not appear in {}",
                                subgraphs_phrase(&required),
                                subgraphs_phrase(&missing)
                            ),
                        )
                        .at_all(locations.into_iter().map(Some)),
                    );
                }
                continue;
            }
            let typed: Vec<(usize, &Type)> = having.iter().map(|(g, a)| (*g, &a.ty)).collect();
            let ty = match types::most_specific(&typed) {
                Ok(ty) => ty.clone(),
                Err(_) => {
                    self.type_mismatch(
                        "FIELD_ARGUMENT_TYPE_MISMATCH",
                        &format!("Type of argument \"{arg_coordinate}\""),
                        "",
                        &typed,
                        &locations,
                    );
                    continue;
                }
            };
            if typed.iter().any(|(_, t)| **t != ty) {
                self.compatible_types_hint(
                    "argument",
                    &arg_coordinate,
                    &ty,
                    &typed,
                    true,
                    &locations,
                );
            }
            let default = self.merge_default(
                "FIELD_ARGUMENT_DEFAULT_MISMATCH",
                &format!("Argument \"{arg_coordinate}\""),
                having.iter().map(|(g, a)| (*g, a.default.as_ref())),
                &locations,
            );
            out.insert(
                arg_name.to_string(),
                MergedArg {
                    name: arg_name.to_string(),
                    description: self.description_of(
                        &arg_coordinate,
                        having.iter().map(|(g, a)| (*g, a.description.as_ref())),
                        &locations,
                    ),
                    ty,
                    default,
                    applied: merge_applied(having.iter().map(|(_, a)| &a.applied)),
                    locations,
                },
            );
        }
        out
    }
}

/// Progressive override labels, with Apollo's patterns: `^[a-zA-Z][a-zA-Z0-9_\-:./]*$` or
/// `^percent\((\d{1,2}(\.\d{1,8})?|100)\)$`.
fn valid_override_label(label: &str) -> bool {
    if let Some(inner) = label
        .strip_prefix("percent(")
        .and_then(|l| l.strip_suffix(')'))
    {
        if inner == "100" {
            return true;
        }
        let (int, frac) = match inner.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (inner, None),
        };
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        return digits(int) && int.len() <= 2 && frac.is_none_or(|f| digits(f) && f.len() <= 8);
    }
    let mut chars = label.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | '/'))
}

#[cfg(test)]
mod tests {
    use super::valid_override_label;

    #[test]
    fn override_labels_follow_apollo_patterns() {
        for ok in [
            "abc123",
            "Z_1-2:3/4.5",
            "percent(0.5)",
            "percent(1)",
            "percent(1.0)",
            "percent(99.9)",
            "percent(100)",
        ] {
            assert!(valid_override_label(ok), "{ok}");
        }
        for bad in [
            "1_starts-with-non-alpha",
            "includes!@_invalid_chars",
            "percent(.1)",
            "percent(101)",
            "percent(1.1234567879)",
            "percent(100.0)",
        ] {
            assert!(!valid_override_label(bad), "{bad}");
        }
    }
}
