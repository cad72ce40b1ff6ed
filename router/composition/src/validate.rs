//! Per-subgraph checks of federation directive usage, before merging.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, join_quoted};
use crate::fieldset::{self, Selection};
use crate::model::{Coordinate, Subgraph, TypeKind, named};
use crate::targets::implementations_of;

enum Usage {
    Key,
    Requires,
    Provides,
}

impl Usage {
    fn invalid_code(&self) -> &'static str {
        match self {
            Usage::Key => "KEY_INVALID_FIELDS",
            Usage::Requires => "REQUIRES_INVALID_FIELDS",
            Usage::Provides => "PROVIDES_INVALID_FIELDS",
        }
    }
}

pub fn validate_subgraph(subgraph: &Subgraph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut used_external: HashSet<Coordinate> = HashSet::new();
    let name = &subgraph.name;

    for ty in subgraph.types.values() {
        for key in &ty.keys {
            let context = format!(
                "On type \"{}\", for @key(fields: \"{}\")",
                ty.name, key.fields
            );
            match check_field_set(subgraph, &ty.name, &key.fields, &Usage::Key, &context) {
                Ok(selected) => {
                    for ((parent, child), _) in selected {
                        used_external.extend(with_implementations(subgraph, parent, child));
                    }
                }
                Err((code, message)) => out.push(
                    Diagnostic::new(code, format!("[{name}] {message}")).at(key.location.clone()),
                ),
            }
        }
        if ty.interface_object && ty.keys.is_empty() {
            out.push(
                Diagnostic::new(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    format!(
                        "[{name}] The @interfaceObject directive can only be applied to entity types but type \"{}\" has no @key in this subgraph.",
                        ty.name
                    ),
                )
                .at(ty.location.clone()),
            );
        }
        if ty.kind == TypeKind::Interface {
            for key in ty.keys.iter().filter(|k| k.resolvable != Some(false)) {
                let missing: Vec<&str> = subgraph
                    .types
                    .values()
                    .filter(|t| t.implements.contains(&ty.name) && t.kind == TypeKind::Object)
                    .filter(|t| {
                        !t.keys
                            .iter()
                            .any(|k| same_field_set(&k.fields, &key.fields))
                    })
                    .map(|t| t.name.as_str())
                    .collect();
                if !missing.is_empty() {
                    let noun = if missing.len() == 1 { "type" } else { "types" };
                    out.push(
                        Diagnostic::new(
                            "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                            format!(
                                "[{name}] Key @key(fields: \"{}\") on interface type \"{}\" is missing on implementation {noun} {}.",
                                key.fields,
                                ty.name,
                                join_quoted(&missing)
                            ),
                        )
                        .at(key.location.clone()),
                    );
                }
            }
        }
        for interface in &ty.implements {
            let Some(iface) = subgraph.types.get(interface) else {
                continue;
            };
            if iface.kind != TypeKind::Interface {
                out.push(
                    Diagnostic::new(
                        "INVALID_GRAPHQL",
                        format!(
                            "[{name}] Type \"{}\" cannot implement non-interface type \"{}\".",
                            ty.name, interface
                        ),
                    )
                    .at(ty.location.clone()),
                );
                continue;
            }
            for field in iface.fields.keys() {
                if !ty.fields.contains_key(field) {
                    out.push(
                        Diagnostic::new(
                            "INVALID_GRAPHQL",
                            format!(
                                "[{name}] Interface field {interface}.{field} expected but {} does not provide it.",
                                ty.name
                            ),
                        )
                        .at(ty.location.clone()),
                    );
                } else if ty.kind == TypeKind::Object {
                    // An @external field may exist only to satisfy an interface.
                    used_external.insert((ty.name.clone(), field.clone()));
                }
            }
        }

        for field in ty.fields.values() {
            let coordinate = format!("{}.{}", ty.name, field.name);
            if let Some(requires) = &field.requires {
                let context = format!(
                    "On field \"{coordinate}\", for @requires(fields: \"{}\")",
                    requires.fields
                );
                match check_field_set(
                    subgraph,
                    &ty.name,
                    &requires.fields,
                    &Usage::Requires,
                    &context,
                ) {
                    Ok(selected) => {
                        for ((parent, child), under_external) in selected {
                            if let Some(why) =
                                missing_external(subgraph, &parent, &child, under_external)
                            {
                                out.push(
                                    Diagnostic::new(
                                        "REQUIRES_FIELDS_MISSING_EXTERNAL",
                                        format!(
                                            "[{name}] {context}: field \"{parent}.{child}\" should not be part of a @requires since it is already {why}"
                                        ),
                                    )
                                    .at(requires.location.clone()),
                                );
                            }
                            used_external.extend(with_implementations(subgraph, parent, child));
                        }
                    }
                    Err((code, message)) => out.push(
                        Diagnostic::new(code, format!("[{name}] {message}"))
                            .at(requires.location.clone()),
                    ),
                }
            }
            if let Some(provides) = &field.provides {
                let target = named(&field.ty);
                let context = format!(
                    "On field \"{coordinate}\", for @provides(fields: \"{}\")",
                    provides.fields
                );
                let composite = subgraph.types.get(target).is_some_and(|t| {
                    matches!(
                        t.kind,
                        TypeKind::Object | TypeKind::Interface | TypeKind::Union
                    )
                });
                if !composite {
                    out.push(
                        Diagnostic::new(
                            "PROVIDES_ON_NON_OBJECT_FIELD",
                            format!(
                                "[{name}] Invalid @provides directive on field \"{coordinate}\": field has type \"{}\" which is not a Composite Type",
                                field.ty
                            ),
                        )
                        .at(provides.location.clone()),
                    );
                } else {
                    match check_field_set(
                        subgraph,
                        target,
                        &provides.fields,
                        &Usage::Provides,
                        &context,
                    ) {
                        Ok(selected) => {
                            for ((parent, child), under_external) in selected {
                                if let Some(why) =
                                    missing_external(subgraph, &parent, &child, under_external)
                                {
                                    out.push(
                                        Diagnostic::new(
                                            "PROVIDES_FIELDS_MISSING_EXTERNAL",
                                            format!(
                                                "[{name}] {context}: field \"{parent}.{child}\" should not be part of a @provides since it is already {why}"
                                            ),
                                        )
                                        .at(provides.location.clone()),
                                    );
                                }
                                used_external.extend(with_implementations(subgraph, parent, child));
                            }
                        }
                        Err((code, message)) => out.push(
                            Diagnostic::new(code, format!("[{name}] {message}"))
                                .at(provides.location.clone()),
                        ),
                    }
                }
            }
        }
    }

    if subgraph.fed2 {
        for ty in subgraph
            .types
            .values()
            .filter(|t| t.kind == TypeKind::Interface)
        {
            for field in ty.fields.values().filter(|f| f.external) {
                out.push(
                    Diagnostic::new(
                        "EXTERNAL_ON_INTERFACE",
                        format!(
                            "[{name}] Interface type field \"{}.{}\" is marked @external but @external is not allowed on interface fields (it is nonsensical).",
                            ty.name, field.name
                        ),
                    )
                    .at(field.location.clone()),
                );
            }
        }
        for ty in subgraph.types.values() {
            for field in ty.fields.values().filter(|f| f.external) {
                if !used_external.contains(&(ty.name.clone(), field.name.clone())) {
                    out.push(
                        Diagnostic::new(
                            "EXTERNAL_UNUSED",
                            format!(
                                "[{name}] Field \"{}.{}\" is marked @external but is not used in any federation directive (@key, @provides, @requires) or to satisfy an interface; the field declaration has no use and should be removed (or the field should not be @external).",
                                ty.name, field.name
                            ),
                        )
                        .at(field.location.clone()),
                    );
                }
            }
        }
    }
    out
}

/// Why a field a `@requires`/`@provides` selects should not be there (it is not external and
/// no external field is above it), in Apollo's words; `None` when it may be there.
fn missing_external(
    subgraph: &Subgraph,
    parent: &str,
    child: &str,
    under_external: bool,
) -> Option<&'static str> {
    let field = subgraph.field(parent, child)?;
    if field.external || under_external || !subgraph.fed2 {
        return None;
    }
    Some(if field.fake_external {
        "\"effectively\" provided by this subgraph (while it is marked @external, it is a @key field of an extension type, which are not internally considered external for historical/backward compatibility reasons)"
    } else {
        "provided by this subgraph (it is not marked @external)"
    })
}

/// A selected field, and for an interface field the same field of each implementation in
/// the subgraph (Apollo counts those as used too).
fn with_implementations(subgraph: &Subgraph, parent: String, child: String) -> Vec<Coordinate> {
    let mut out = Vec::new();
    if subgraph
        .types
        .get(&parent)
        .is_some_and(|t| t.kind == TypeKind::Interface)
    {
        for implementation in implementations_of(&subgraph.types, &parent) {
            if implementation.fields.contains_key(&child) {
                out.push((implementation.name.clone(), child.clone()));
            }
        }
    }
    out.push((parent, child));
    out
}

fn same_field_set(a: &str, b: &str) -> bool {
    match (fieldset::parse(a), fieldset::parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Every (type, field) a federation directive of the subgraph selects, plus the fields that
/// implement an interface field: what the subgraph still needs even if another takes it over.
pub fn used_fields(subgraph: &Subgraph) -> HashSet<(String, String)> {
    let mut used = HashSet::new();
    for ty in subgraph.types.values() {
        for key in &ty.keys {
            if let Ok(selected) = check_field_set(subgraph, &ty.name, &key.fields, &Usage::Key, "")
            {
                for ((parent, child), _) in selected {
                    used.extend(with_implementations(subgraph, parent, child));
                }
            }
        }
        for interface in &ty.implements {
            if let Some(iface) = subgraph.types.get(interface) {
                for field in iface.fields.keys() {
                    used.insert((ty.name.clone(), field.clone()));
                }
            }
        }
        for field in ty.fields.values() {
            if let Some(requires) = &field.requires
                && let Ok(selected) =
                    check_field_set(subgraph, &ty.name, &requires.fields, &Usage::Requires, "")
            {
                for ((parent, child), _) in selected {
                    used.extend(with_implementations(subgraph, parent, child));
                }
            }
            if let Some(provides) = &field.provides
                && let Ok(selected) = check_field_set(
                    subgraph,
                    named(&field.ty),
                    &provides.fields,
                    &Usage::Provides,
                    "",
                )
            {
                for ((parent, child), _) in selected {
                    used.extend(with_implementations(subgraph, parent, child));
                }
            }
        }
    }
    used
}

/// Checks a field set against `type_name`; returns every selected field with whether it may
/// be non-`@external`: only leaves outside an `@external` field must be marked, as in Apollo.
fn check_field_set(
    subgraph: &Subgraph,
    type_name: &str,
    source: &str,
    usage: &Usage,
    context: &str,
) -> Result<Vec<(Coordinate, bool)>, (&'static str, String)> {
    let selections = fieldset::parse(source).map_err(|e| {
        (
            usage.invalid_code(),
            format!("{context}: invalid field set: {e}"),
        )
    })?;
    let mut out = Vec::new();
    walk(
        subgraph,
        type_name,
        &selections,
        usage,
        context,
        false,
        &mut out,
    )?;
    Ok(out)
}

fn walk(
    subgraph: &Subgraph,
    type_name: &str,
    selections: &[Selection],
    usage: &Usage,
    context: &str,
    under_external: bool,
    out: &mut Vec<(Coordinate, bool)>,
) -> Result<(), (&'static str, String)> {
    let Some(ty) = subgraph.types.get(type_name) else {
        return Err((
            usage.invalid_code(),
            format!("{context}: Unknown type \"{type_name}\""),
        ));
    };
    for selection in selections {
        if let Some(condition) = &selection.type_condition {
            if !subgraph.types.contains_key(condition) {
                return Err((
                    usage.invalid_code(),
                    format!("{context}: Unknown type \"{condition}\""),
                ));
            }
            walk(
                subgraph,
                condition,
                &selection.children,
                usage,
                context,
                under_external,
                out,
            )?;
            continue;
        }
        if selection.name == "__typename" {
            continue;
        }
        let Some(field) = ty.fields.get(&selection.name) else {
            let advice = match usage {
                Usage::Key => {
                    "the field should either be added to this subgraph or, if it should not be resolved by this subgraph, you need to add it to this subgraph with @external"
                }
                _ => {
                    "if the field is defined in another subgraph, you need to add it to this subgraph with @external"
                }
            };
            return Err((
                usage.invalid_code(),
                format!(
                    "{context}: Cannot query field \"{}\" on type \"{type_name}\" ({advice}).",
                    selection.name
                ),
            ));
        };
        if matches!(usage, Usage::Key) && selection.has_arguments {
            return Err((
                "KEY_FIELDS_HAS_ARGS",
                format!(
                    "{context}: field {type_name}.{} cannot be included because it has arguments (fields with argument are not allowed in @key)",
                    field.name
                ),
            ));
        }
        let target = named(&field.ty);
        let target_kind = subgraph.types.get(target).map(|t| t.kind);
        let composite = matches!(
            target_kind,
            Some(TypeKind::Object | TypeKind::Interface | TypeKind::Union)
        );
        if matches!(usage, Usage::Key)
            && matches!(target_kind, Some(TypeKind::Interface | TypeKind::Union))
        {
            // Apollo's words: "a Interface type", "a Union type".
            let kind = match target_kind {
                Some(TypeKind::Interface) => "Interface",
                _ => "Union",
            };
            return Err((
                "KEY_FIELDS_SELECT_INVALID_TYPE",
                format!(
                    "{context}: field \"{type_name}.{}\" is a {kind} type which is not allowed in @key",
                    field.name
                ),
            ));
        }
        if composite && selection.children.is_empty() {
            return Err((
                usage.invalid_code(),
                format!(
                    "{context}: Field \"{}\" of type \"{}\" must have a selection of subfields. Did you mean \"{} {{ ... }}\"?",
                    field.name, field.ty, field.name
                ),
            ));
        }
        if !composite && !selection.children.is_empty() {
            return Err((
                usage.invalid_code(),
                format!(
                    "{context}: Field \"{}\" must not have a selection since type \"{}\" has no subfields.",
                    field.name, field.ty
                ),
            ));
        }
        out.push((
            (type_name.to_string(), field.name.clone()),
            under_external || composite,
        ));
        if composite {
            // Apollo's rule: below an interface field whose implementation in this subgraph
            // is @external, the selection is "under an external" too.
            let external_here = field.external
                || (ty.kind == TypeKind::Interface
                    && implementations_of(&subgraph.types, &ty.name)
                        .any(|t| t.fields.get(&field.name).is_some_and(|f| f.external)));
            walk(
                subgraph,
                target,
                &selection.children,
                usage,
                context,
                under_external || external_here,
                out,
            )?;
        }
    }
    Ok(())
}
