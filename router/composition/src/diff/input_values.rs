//! Arguments, input object fields and directive arguments: all input values, compared with
//! input variance (they may widen, never narrow) and their required-ness.

use apollo_compiler::ast::InputValueDefinition;

use super::change::{Change, ChangeCode, Severity};
use super::metadata::{
    DeprecationCodes, diff_deprecation, diff_description, print_default, same_default,
};
use super::type_ref::{input_break_reason, input_change_is_safe};

/// Which input values are compared; decides codes, coordinates and wording.
#[derive(Clone, Copy)]
pub(crate) enum InputValueKind {
    /// Arguments of the field at the coordinate `Type.field`.
    FieldArgument,
    /// Fields of the input object type at the coordinate `Input`.
    InputField,
    /// Arguments of the directive at the coordinate `@name`.
    DirectiveArgument,
}

struct Codes {
    required_added: ChangeCode,
    optional_added: ChangeCode,
    optional_added_severity: Severity,
    removed: ChangeCode,
    changed_type: ChangeCode,
    default_change: ChangeCode,
    description: ChangeCode,
    deprecation: DeprecationCodes,
    noun: &'static str,
}

impl InputValueKind {
    fn codes(self) -> Codes {
        match self {
            // A new optional argument changes nothing for existing operations, but a
            // resolver that now defaults differently is worth a look (graphql-js calls it
            // dangerous).
            InputValueKind::FieldArgument => Codes {
                required_added: ChangeCode::RequiredArgAdded,
                optional_added: ChangeCode::OptionalArgAdded,
                optional_added_severity: Severity::Dangerous,
                removed: ChangeCode::ArgRemoved,
                changed_type: ChangeCode::ArgChangedType,
                default_change: ChangeCode::ArgDefaultValueChange,
                description: ChangeCode::ArgDescriptionChange,
                deprecation: arg_deprecation(),
                noun: "Argument",
            },
            InputValueKind::InputField => Codes {
                required_added: ChangeCode::RequiredInputFieldAdded,
                optional_added: ChangeCode::OptionalInputFieldAdded,
                optional_added_severity: Severity::Safe,
                removed: ChangeCode::FieldRemovedFromInputObject,
                changed_type: ChangeCode::InputFieldChangedType,
                default_change: ChangeCode::InputFieldDefaultValueChange,
                description: ChangeCode::InputFieldDescriptionChange,
                deprecation: DeprecationCodes {
                    deprecated: ChangeCode::InputFieldDeprecated,
                    removed: ChangeCode::InputFieldDeprecationRemoved,
                    reason: ChangeCode::InputFieldDeprecatedReasonChange,
                },
                noun: "Input field",
            },
            InputValueKind::DirectiveArgument => Codes {
                required_added: ChangeCode::RequiredDirectiveArgAdded,
                optional_added: ChangeCode::OptionalDirectiveArgAdded,
                optional_added_severity: Severity::Safe,
                removed: ChangeCode::DirectiveArgRemoved,
                changed_type: ChangeCode::DirectiveArgChangedType,
                default_change: ChangeCode::DirectiveArgDefaultValueChange,
                description: ChangeCode::ArgDescriptionChange,
                deprecation: arg_deprecation(),
                noun: "Directive argument",
            },
        }
    }

    fn coordinate(self, owner: &str, name: &str) -> String {
        match self {
            InputValueKind::FieldArgument | InputValueKind::DirectiveArgument => {
                format!("{owner}({name}:)")
            }
            InputValueKind::InputField => format!("{owner}.{name}"),
        }
    }
}

fn arg_deprecation() -> DeprecationCodes {
    DeprecationCodes {
        deprecated: ChangeCode::ArgDeprecated,
        removed: ChangeCode::ArgDeprecationRemoved,
        reason: ChangeCode::ArgDeprecatedReasonChange,
    }
}

/// Required: non-null without a default, so every use must give it.
fn is_required(value: &InputValueDefinition) -> bool {
    value.ty.is_non_null() && value.default_value.is_none()
}

/// Compares the input values of one owner (a field, an input type, a directive).
pub(crate) fn diff_input_values<'a>(
    kind: InputValueKind,
    owner: &str,
    old: impl IntoIterator<Item = &'a InputValueDefinition>,
    new: impl IntoIterator<Item = &'a InputValueDefinition>,
    out: &mut Vec<Change>,
) {
    let codes = kind.codes();
    let old: Vec<&InputValueDefinition> = old.into_iter().collect();
    let new: Vec<&InputValueDefinition> = new.into_iter().collect();
    for before in &old {
        let coordinate = kind.coordinate(owner, &before.name);
        let what = format!("{} `{coordinate}`", codes.noun);
        let Some(after) = new.iter().find(|v| v.name == before.name) else {
            out.push(Change::new(
                Severity::Breaking,
                codes.removed,
                &coordinate,
                format!("{what} was removed; operations that pass it no longer validate."),
            ));
            continue;
        };
        if before.ty != after.ty {
            let (severity, why) = if input_change_is_safe(&before.ty, &after.ty) {
                (Severity::Safe, "every value accepted before still is")
            } else {
                (
                    Severity::Breaking,
                    input_break_reason(&before.ty, &after.ty),
                )
            };
            out.push(Change::new(
                severity,
                codes.changed_type,
                &coordinate,
                format!(
                    "{what} changed type from `{}` to `{}`: {why}.",
                    before.ty, after.ty
                ),
            ));
        }
        let old_default = before.default_value.as_ref();
        let new_default = after.default_value.as_ref();
        if !same_default(old_default, new_default) {
            let (severity, tail) = if !is_required(before) && is_required(after) {
                (
                    Severity::Breaking,
                    "; it is now required and operations that omit it no longer validate",
                )
            } else {
                (
                    Severity::Dangerous,
                    "; operations that omit it now get another value",
                )
            };
            out.push(Change::new(
                severity,
                codes.default_change,
                &coordinate,
                format!(
                    "{what} default value changed from {} to {}{tail}.",
                    print_default(old_default),
                    print_default(new_default)
                ),
            ));
        }
        diff_description(
            before.description.as_ref(),
            after.description.as_ref(),
            codes.description,
            &coordinate,
            &what,
            out,
        );
        diff_deprecation(
            &before.directives,
            &after.directives,
            codes.deprecation,
            &coordinate,
            &what,
            out,
        );
    }
    for after in &new {
        if old.iter().any(|v| v.name == after.name) {
            continue;
        }
        let coordinate = kind.coordinate(owner, &after.name);
        let default = after
            .default_value
            .as_ref()
            .map(|v| format!(" = {v}"))
            .unwrap_or_default();
        let signature = format!("{}: {}{default}", after.name, after.ty);
        if is_required(after) {
            out.push(Change::new(
                Severity::Breaking,
                codes.required_added,
                &coordinate,
                format!(
                    "Required {} `{signature}` was added to `{owner}`; operations that do not pass it no longer validate.",
                    codes.noun.to_lowercase()
                ),
            ));
        } else {
            out.push(Change::new(
                codes.optional_added_severity,
                codes.optional_added,
                &coordinate,
                format!(
                    "Optional {} `{signature}` was added to `{owner}`.",
                    codes.noun.to_lowercase()
                ),
            ));
        }
    }
}
