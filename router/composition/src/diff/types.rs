//! Named types: added, removed, changed kind, and the per-kind comparison of what is inside.

use apollo_compiler::Schema;
use apollo_compiler::schema::ExtendedType;

use super::change::{Change, ChangeCode, Severity};
use super::enums::diff_enum;
use super::fields::diff_fields;
use super::input_values::{InputValueKind, diff_input_values};
use super::members::{diff_implemented_interfaces, diff_union_members};
use super::metadata::diff_description;

fn kind(ty: &ExtendedType) -> &'static str {
    match ty {
        ExtendedType::Scalar(_) => "scalar",
        ExtendedType::Object(_) => "object type",
        ExtendedType::Interface(_) => "interface",
        ExtendedType::Union(_) => "union",
        ExtendedType::Enum(_) => "enum",
        ExtendedType::InputObject(_) => "input object type",
    }
}

pub(crate) fn diff_types(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for (name, before) in old.types.iter().filter(|(_, t)| !t.is_built_in()) {
        let Some(after) = new.types.get(name) else {
            out.push(Change::new(
                Severity::Breaking,
                ChangeCode::TypeRemoved,
                name.as_str(),
                format!(
                    "Type `{name}` ({}) was removed; operations using it no longer validate.",
                    kind(before)
                ),
            ));
            continue;
        };
        if kind(before) != kind(after) {
            out.push(Change::new(
                Severity::Breaking,
                ChangeCode::TypeChangedKind,
                name.as_str(),
                format!(
                    "Type `{name}` changed from {} to {}.",
                    kind(before),
                    kind(after)
                ),
            ));
            continue;
        }
        diff_description(
            before.description(),
            after.description(),
            ChangeCode::TypeDescriptionChange,
            name,
            &format!("Type `{name}`"),
            out,
        );
        match (before, after) {
            (ExtendedType::Object(a), ExtendedType::Object(b)) => {
                diff_implemented_interfaces(
                    name,
                    "Object type",
                    &a.implements_interfaces,
                    &b.implements_interfaces,
                    out,
                );
                diff_fields(name, &a.fields, &b.fields, out);
            }
            (ExtendedType::Interface(a), ExtendedType::Interface(b)) => {
                diff_implemented_interfaces(
                    name,
                    "Interface",
                    &a.implements_interfaces,
                    &b.implements_interfaces,
                    out,
                );
                diff_fields(name, &a.fields, &b.fields, out);
            }
            (ExtendedType::Union(a), ExtendedType::Union(b)) => {
                diff_union_members(name, &a.members, &b.members, out);
            }
            (ExtendedType::Enum(a), ExtendedType::Enum(b)) => diff_enum(a, b, new, out),
            (ExtendedType::InputObject(a), ExtendedType::InputObject(b)) => {
                let (was, is) = (a.directives.has("oneOf"), b.directives.has("oneOf"));
                if was != is {
                    // Becoming @oneOf rejects inputs giving several fields; leaving it
                    // only accepts more.
                    let (severity, message) = if is {
                        (
                            Severity::Breaking,
                            format!(
                                "Input object type `{name}` became @oneOf; inputs giving more or fewer than one field no longer validate."
                            ),
                        )
                    } else {
                        (
                            Severity::Safe,
                            format!("Input object type `{name}` is no longer @oneOf."),
                        )
                    };
                    out.push(Change::new(
                        severity,
                        ChangeCode::InputObjectOneOfChange,
                        name.as_str(),
                        message,
                    ));
                }
                diff_input_values(
                    InputValueKind::InputField,
                    name,
                    a.fields.values().map(|f| &***f),
                    b.fields.values().map(|f| &***f),
                    out,
                );
            }
            _ => {}
        }
    }
    for (name, after) in new.types.iter().filter(|(_, t)| !t.is_built_in()) {
        if !old.types.contains_key(name) {
            out.push(Change::new(
                Severity::Safe,
                ChangeCode::TypeAdded,
                name.as_str(),
                format!("Type `{name}` ({}) was added.", kind(after)),
            ));
        }
    }
}
