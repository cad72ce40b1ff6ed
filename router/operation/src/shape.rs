//! Limits on the shape of the normalized operation that need the whole tree: its height and
//! its root fields. (Depth, aliases and selections are checked while normalizing; tokens while
//! parsing.)

use crate::config::Limits;
use crate::error::{LimitKind, OperationError};
use crate::normalized::{NormalizedOperation, Selection, SelectionSet};

pub(crate) fn check(
    operation: &NormalizedOperation,
    limits: &Limits,
) -> Result<(), OperationError> {
    if let Some(limit) = limits.max_root_fields {
        let actual = fields(&operation.selection_set);
        exceeds(LimitKind::RootFields, limit, actual)?;
    }
    if let Some(limit) = limits.max_height {
        exceeds(LimitKind::Height, limit, height(&operation.selection_set))?;
    }
    Ok(())
}

fn exceeds(kind: LimitKind, limit: usize, actual: usize) -> Result<(), OperationError> {
    if actual > limit {
        return Err(OperationError::Limit {
            kind,
            limit,
            actual,
        });
    }
    Ok(())
}

/// Fields of `set` itself, through inline fragments but not into sub-selections.
fn fields(set: &SelectionSet) -> usize {
    set.selections
        .iter()
        .map(|selection| match selection {
            Selection::Field(_) => 1,
            Selection::InlineFragment(fragment) => fields(&fragment.selection_set),
        })
        .sum()
}

/// Every field of the tree. Normalization merged fields with the same response key, so a field
/// repeated in the document (directly or through fragments) counts once where it is selected.
fn height(set: &SelectionSet) -> usize {
    set.selections
        .iter()
        .map(|selection| match selection {
            Selection::Field(field) => 1 + field.selection_set.as_ref().map_or(0, height),
            Selection::InlineFragment(fragment) => height(&fragment.selection_set),
        })
        .sum()
}
