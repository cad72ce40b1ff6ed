//! Directive definitions. Only executable directives (`@skip`-like, usable in operations)
//! can break clients; changes to type-system-only directives are reported as safe.

use apollo_compiler::Schema;
use apollo_compiler::ast::{DirectiveDefinition, DirectiveLocation};

use super::change::{Change, ChangeCode, Severity};
use super::input_values::{InputValueKind, diff_input_values};
use super::metadata::diff_description;

fn is_executable(location: DirectiveLocation) -> bool {
    matches!(
        location,
        DirectiveLocation::Query
            | DirectiveLocation::Mutation
            | DirectiveLocation::Subscription
            | DirectiveLocation::Field
            | DirectiveLocation::FragmentDefinition
            | DirectiveLocation::FragmentSpread
            | DirectiveLocation::InlineFragment
            | DirectiveLocation::VariableDefinition
    )
}

fn usable_in_operations(def: &DirectiveDefinition) -> bool {
    def.locations.iter().any(|l| is_executable(*l))
}

pub(crate) fn diff_directives(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for (name, before) in &old.directive_definitions {
        let coordinate = format!("@{name}");
        let Some(after) = new.directive_definitions.get(name) else {
            let severity = if usable_in_operations(before) {
                Severity::Breaking
            } else {
                Severity::Safe
            };
            out.push(Change::new(
                severity,
                ChangeCode::DirectiveRemoved,
                &coordinate,
                format!("Directive `{coordinate}` was removed."),
            ));
            continue;
        };
        let mut changes = Vec::new();
        diff_directive(&coordinate, before, after, &mut changes);
        if !usable_in_operations(before) && !usable_in_operations(after) {
            for change in &mut changes {
                change.severity = Severity::Safe;
            }
        }
        out.extend(changes);
    }
    for name in new.directive_definitions.keys() {
        if !old.directive_definitions.contains_key(name) {
            out.push(Change::new(
                Severity::Safe,
                ChangeCode::DirectiveAdded,
                format!("@{name}"),
                format!("Directive `@{name}` was added."),
            ));
        }
    }
}

fn diff_directive(
    coordinate: &str,
    before: &DirectiveDefinition,
    after: &DirectiveDefinition,
    out: &mut Vec<Change>,
) {
    for location in before
        .locations
        .iter()
        .filter(|l| !after.locations.contains(l))
    {
        let severity = if is_executable(*location) {
            Severity::Breaking
        } else {
            Severity::Safe
        };
        out.push(Change::new(
            severity,
            ChangeCode::DirectiveLocationRemoved,
            coordinate,
            format!(
                "Directive `{coordinate}` can no longer be used on {}.",
                location.name()
            ),
        ));
    }
    for location in after
        .locations
        .iter()
        .filter(|l| !before.locations.contains(l))
    {
        out.push(Change::new(
            Severity::Safe,
            ChangeCode::DirectiveLocationAdded,
            coordinate,
            format!(
                "Directive `{coordinate}` can now be used on {}.",
                location.name()
            ),
        ));
    }
    match (before.repeatable, after.repeatable) {
        (true, false) => out.push(Change::new(
            Severity::Breaking,
            ChangeCode::DirectiveRepeatableRemoved,
            coordinate,
            format!("Directive `{coordinate}` is no longer repeatable."),
        )),
        (false, true) => out.push(Change::new(
            Severity::Safe,
            ChangeCode::DirectiveRepeatableAdded,
            coordinate,
            format!("Directive `{coordinate}` is now repeatable."),
        )),
        _ => {}
    }
    diff_description(
        before.description.as_ref(),
        after.description.as_ref(),
        ChangeCode::DirectiveDescriptionChange,
        coordinate,
        &format!("Directive `{coordinate}`"),
        out,
    );
    diff_input_values(
        InputValueKind::DirectiveArgument,
        coordinate,
        before.arguments.iter().map(|a| &**a),
        after.arguments.iter().map(|a| &**a),
        out,
    );
}
