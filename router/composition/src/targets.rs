//! The fields a `@key`, `@requires` or `@provides` field set selects, at every depth: what
//! Apollo's `collectTargetFields` computes, and what decides which fields are effectively
//! external, shareable, provided or used.

use std::collections::HashSet;

use indexmap::IndexMap;

use crate::fieldset;
use crate::model::{Coordinate, TypeDef, TypeKind, named};

/// Every field `fields` selects on `type_name`, nested selections and `... on T` included.
/// With `implementations`, a selected interface field also selects the same field of every
/// object type implementing that interface in the subgraph. Unknown types and fields are
/// skipped: validation reports them.
pub fn collect(
    types: &IndexMap<String, TypeDef>,
    type_name: &str,
    fields: &str,
    implementations: bool,
) -> Vec<Coordinate> {
    let Ok(selections) = fieldset::parse(fields) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(types, type_name, &selections, implementations, &mut out, 0);
    out
}

fn walk(
    types: &IndexMap<String, TypeDef>,
    type_name: &str,
    selections: &[fieldset::Selection],
    implementations: bool,
    out: &mut Vec<Coordinate>,
    depth: usize,
) {
    // Field sets are finite text, but a malicious one could nest deeply; stop somewhere sane.
    if depth > 64 {
        return;
    }
    let Some(ty) = types.get(type_name) else {
        return;
    };
    for selection in selections {
        if let Some(condition) = &selection.type_condition {
            walk(
                types,
                condition,
                &selection.children,
                implementations,
                out,
                depth + 1,
            );
            continue;
        }
        let Some(field) = ty.fields.get(&selection.name) else {
            continue;
        };
        out.push((ty.name.clone(), field.name.clone()));
        if implementations && ty.kind == TypeKind::Interface {
            for implementation in implementations_of(types, &ty.name) {
                if implementation.fields.contains_key(&field.name) {
                    out.push((implementation.name.clone(), field.name.clone()));
                }
            }
        }
        if !selection.children.is_empty() {
            walk(
                types,
                named(&field.ty),
                &selection.children,
                implementations,
                out,
                depth + 1,
            );
        }
    }
}

/// The object types of the subgraph implementing `interface`.
pub fn implementations_of<'a>(
    types: &'a IndexMap<String, TypeDef>,
    interface: &'a str,
) -> impl Iterator<Item = &'a TypeDef> + 'a {
    types
        .values()
        .filter(move |t| t.kind == TypeKind::Object && t.implements.iter().any(|i| i == interface))
}

/// Fields selected by any `@key` of the subgraph (resolvable or not, interface keys reaching
/// their implementations): implicitly shareable.
pub fn key_fields(types: &IndexMap<String, TypeDef>) -> HashSet<Coordinate> {
    let mut out = HashSet::new();
    for ty in types.values() {
        for key in &ty.keys {
            out.extend(collect(types, &ty.name, &key.fields, true));
        }
    }
    out
}

/// Fields selected by any `@provides` of the subgraph (on the field's type, through
/// interfaces to their implementations).
pub fn provided_fields(types: &IndexMap<String, TypeDef>) -> HashSet<Coordinate> {
    let mut out = HashSet::new();
    for ty in types.values() {
        for field in ty.fields.values() {
            if let Some(provides) = &field.provides {
                out.extend(collect(types, named(&field.ty), &provides.fields, true));
            }
        }
    }
    out
}
