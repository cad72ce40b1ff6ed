//! What a `@provides` lets the current subgraph resolve below the providing field.

use apollo_compiler::executable::{Selection, SelectionSet};

/// The sub-selection `@provides` gives for `field` at `parent`, if it provides the field.
pub(super) fn provided_field<'a>(
    provided: &'a SelectionSet,
    parent: &str,
    field: &str,
) -> Option<&'a SelectionSet> {
    for selection in &provided.selections {
        match selection {
            Selection::Field(f) if f.name == field => return Some(&f.selection_set),
            Selection::InlineFragment(fragment)
                if fragment
                    .type_condition
                    .as_ref()
                    .is_none_or(|tc| tc == parent) =>
            {
                if let Some(found) = provided_field(&fragment.selection_set, parent, field) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}
