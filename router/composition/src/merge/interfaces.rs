//! Interfaces after merging: `@interfaceObject` fields on implementations, interface
//! fields every implementation must have, keyed interfaces and their implementations.

use super::merger::Merger;
use super::model::{JoinField, MergedField, MergedSchema};
use crate::diagnostic::{Diagnostic, subgraphs_phrase};
use crate::model::TypeKind;

impl Merger<'_> {
    /// Fields an `@interfaceObject` adds to an interface exist on every implementation in
    /// the supergraph, resolved through the interface object (a bare `@join__field`).
    pub(super) fn add_interface_object_fields(&mut self, schema: &mut MergedSchema) {
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
    pub(super) fn check_interface_implementations(&mut self, schema: &MergedSchema) {
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

    pub(super) fn check_interface_fields(&mut self, schema: &MergedSchema) {
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
