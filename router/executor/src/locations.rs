//! `locations` for the errors the executor raises itself: where the field at the error's path
//! is written in the client's document.

use apollo_compiler::executable::{Field, Operation, Selection, SelectionSet};
use apollo_compiler::{ExecutableDocument, Node};

use crate::response::{Location, PathElement};

/// Fragments cannot nest deeper than this in a valid document of sane size.
const MAX_FRAGMENT_DEPTH: usize = 64;

/// The position of the field at `path`. Fields are matched by response key through inline
/// fragments and fragment spreads; when several fragments select the key, the first is named.
pub(crate) fn locate(
    document: &ExecutableDocument,
    operation: &Operation,
    path: &[PathElement],
) -> Option<Location> {
    let mut set = &operation.selection_set;
    let mut field = None;
    for element in path {
        let PathElement::Key(key) = element else {
            continue;
        };
        let found = find(document, set, key, 0)?;
        set = &found.selection_set;
        field = Some(found);
    }
    let position = field?.location()?.line_column(&document.sources)?;
    Some(Location {
        line: position.line as u64,
        column: position.column as u64,
    })
}

fn find<'d>(
    document: &'d ExecutableDocument,
    set: &'d SelectionSet,
    key: &str,
    depth: usize,
) -> Option<&'d Node<Field>> {
    if depth > MAX_FRAGMENT_DEPTH {
        return None;
    }
    set.selections.iter().find_map(|selection| match selection {
        Selection::Field(field) => (field.response_key() == key).then_some(field),
        Selection::InlineFragment(fragment) => {
            find(document, &fragment.selection_set, key, depth + 1)
        }
        Selection::FragmentSpread(spread) => document
            .fragments
            .get(&spread.fragment_name)
            .and_then(|fragment| find(document, &fragment.selection_set, key, depth + 1)),
    })
}
