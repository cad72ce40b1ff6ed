//! Enum values.

use apollo_compiler::Schema;
use apollo_compiler::schema::{EnumType, ExtendedType};

use super::change::{Change, ChangeCode, Severity};
use super::metadata::{DeprecationCodes, diff_deprecation, diff_description};

pub(crate) fn diff_enum(
    old: &EnumType,
    new: &EnumType,
    new_schema: &Schema,
    out: &mut Vec<Change>,
) {
    let name = &old.name;
    for (value, before) in &old.values {
        let coordinate = format!("{name}.{value}");
        let what = format!("Enum value `{coordinate}`");
        let Some(after) = new.values.get(value) else {
            out.push(Change::new(
                Severity::Breaking,
                ChangeCode::ValueRemovedFromEnum,
                &coordinate,
                format!(
                    "{what} was removed; operations passing it no longer validate and clients may still expect it."
                ),
            ));
            continue;
        };
        diff_description(
            before.description.as_ref(),
            after.description.as_ref(),
            ChangeCode::EnumValueDescriptionChange,
            &coordinate,
            &what,
            out,
        );
        diff_deprecation(
            &before.directives,
            &after.directives,
            DeprecationCodes {
                deprecated: ChangeCode::EnumValueDeprecated,
                removed: ChangeCode::EnumValueDeprecationRemoved,
                reason: ChangeCode::EnumValueDeprecatedReasonChange,
            },
            &coordinate,
            &what,
            out,
        );
    }
    let returned = is_returned(new_schema, name);
    for value in new.values.keys() {
        if old.values.contains_key(value) {
            continue;
        }
        let coordinate = format!("{name}.{value}");
        // A value clients only send cannot surprise them; one they receive can.
        let (severity, tail) = if returned {
            (
                Severity::Dangerous,
                "; clients that switch over its values may not handle it",
            )
        } else {
            (Severity::Safe, " (the enum is only used as input)")
        };
        out.push(Change::new(
            severity,
            ChangeCode::ValueAddedToEnum,
            &coordinate,
            format!("Enum value `{coordinate}` was added{tail}."),
        ));
    }
}

/// Whether some object or interface field returns the enum.
fn is_returned(schema: &Schema, enum_name: &str) -> bool {
    schema.types.values().any(|ty| {
        let fields = match ty {
            ExtendedType::Object(o) => &o.fields,
            ExtendedType::Interface(i) => &i.fields,
            _ => return false,
        };
        fields
            .values()
            .any(|f| f.ty.inner_named_type().as_str() == enum_name)
    })
}
