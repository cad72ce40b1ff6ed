//! Compares two API schemas and classifies every difference for existing clients, the way
//! graphql-inspector and Apollo's schema checks do: [`Severity::Breaking`] (operations
//! that validate today stop validating, or read a null they were promised never to get),
//! [`Severity::Dangerous`] (still valid, but new values may reach clients), and
//! [`Severity::Safe`].
//!
//! Variance follows the position: an output field may become non-null, an argument or input
//! field may become nullable; named types must stay the same. A removed or newly required
//! input value, a removed enum value, union member or implemented interface is breaking; an
//! enum value clients receive, a union member, an implemented interface, an optional argument
//! and a changed default are dangerous; additions, descriptions and deprecations are safe
//! (un-deprecating is dangerous).
//!
//! ```
//! use composition::diff::{diff, Severity};
//! let old = apollo_compiler::Schema::parse("type Query { a: String b: Int }", "old.graphql").unwrap();
//! let new = apollo_compiler::Schema::parse("type Query { a: String! }", "new.graphql").unwrap();
//! let changes = diff(&old, &new);
//! assert_eq!(changes[0].severity, Severity::Breaking);
//! assert_eq!(changes[0].code.as_str(), "FIELD_REMOVED");
//! assert_eq!(changes[0].coordinate, "Query.b");
//! ```

mod change;
mod directives;
mod enums;
mod fields;
mod input_values;
mod members;
mod metadata;
mod roots;
mod type_ref;
mod types;

use apollo_compiler::Schema;

pub use change::{Change, ChangeCode, Severity};

/// Every difference from `old` to `new`, breaking first, then by coordinate and code (the
/// order does not depend on the order of definitions in either schema).
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut changes = Vec::new();
    roots::diff_roots(old, new, &mut changes);
    types::diff_types(old, new, &mut changes);
    directives::diff_directives(old, new, &mut changes);
    changes.sort_by(|a, b| {
        (a.severity, &a.coordinate, a.code, &a.message).cmp(&(
            b.severity,
            &b.coordinate,
            b.code,
            &b.message,
        ))
    });
    changes
}

/// Whether any change is breaking.
pub fn has_breaking(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.severity == Severity::Breaking)
}
