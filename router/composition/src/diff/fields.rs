//! Fields of object and interface types: removal, output type variance, arguments,
//! descriptions and deprecations.

use apollo_compiler::Name;
use apollo_compiler::ast::FieldDefinition;
use apollo_compiler::collections::IndexMap;
use apollo_compiler::schema::Component;

use super::change::{Change, ChangeCode, Severity};
use super::input_values::{InputValueKind, diff_input_values};
use super::metadata::{DeprecationCodes, diff_deprecation, diff_description};
use super::type_ref::{output_break_reason, output_change_is_safe};

pub(crate) fn diff_fields(
    type_name: &str,
    old: &IndexMap<Name, Component<FieldDefinition>>,
    new: &IndexMap<Name, Component<FieldDefinition>>,
    out: &mut Vec<Change>,
) {
    for (name, before) in old {
        let coordinate = format!("{type_name}.{name}");
        let what = format!("Field `{coordinate}`");
        let Some(after) = new.get(name) else {
            let note = if before.directives.has("deprecated") {
                " (it was deprecated)"
            } else {
                ""
            };
            out.push(Change::new(
                Severity::Breaking,
                ChangeCode::FieldRemoved,
                &coordinate,
                format!("{what} was removed{note}; operations selecting it no longer validate."),
            ));
            continue;
        };
        if before.ty != after.ty {
            let (severity, why) = if output_change_is_safe(&before.ty, &after.ty) {
                (Severity::Safe, "it returns a subset of what it did")
            } else {
                (
                    Severity::Breaking,
                    output_break_reason(&before.ty, &after.ty),
                )
            };
            out.push(Change::new(
                severity,
                ChangeCode::FieldChangedType,
                &coordinate,
                format!(
                    "{what} changed type from `{}` to `{}`: {why}.",
                    before.ty, after.ty
                ),
            ));
        }
        diff_input_values(
            InputValueKind::FieldArgument,
            &coordinate,
            before.arguments.iter().map(|a| &**a),
            after.arguments.iter().map(|a| &**a),
            out,
        );
        diff_description(
            before.description.as_ref(),
            after.description.as_ref(),
            ChangeCode::FieldDescriptionChange,
            &coordinate,
            &what,
            out,
        );
        diff_deprecation(
            &before.directives,
            &after.directives,
            DeprecationCodes {
                deprecated: ChangeCode::FieldDeprecated,
                removed: ChangeCode::FieldDeprecationRemoved,
                reason: ChangeCode::FieldDeprecatedReasonChange,
            },
            &coordinate,
            &what,
            out,
        );
    }
    for (name, after) in new {
        if !old.contains_key(name) {
            out.push(Change::new(
                Severity::Safe,
                ChangeCode::FieldAdded,
                format!("{type_name}.{name}"),
                format!("Field `{type_name}.{name}: {}` was added.", after.ty),
            ));
        }
    }
}
