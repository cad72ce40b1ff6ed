//! Union members and implemented interfaces: what a fragment on an abstract type can match.

use apollo_compiler::collections::IndexSet;
use apollo_compiler::schema::ComponentName;

use super::change::{Change, ChangeCode, Severity};

pub(crate) fn diff_union_members(
    union_name: &str,
    old: &IndexSet<ComponentName>,
    new: &IndexSet<ComponentName>,
    out: &mut Vec<Change>,
) {
    for member in old.iter().filter(|m| !new.contains(*m)) {
        out.push(Change::new(
            Severity::Breaking,
            ChangeCode::TypeRemovedFromUnion,
            union_name,
            format!(
                "Type `{}` was removed from union `{union_name}`; fragments on it inside the union no longer validate.",
                member.name
            ),
        ));
    }
    for member in new.iter().filter(|m| !old.contains(*m)) {
        out.push(Change::new(
            Severity::Dangerous,
            ChangeCode::TypeAddedToUnion,
            union_name,
            format!(
                "Type `{}` was added to union `{union_name}`; clients that switch over `__typename` may not handle it.",
                member.name
            ),
        ));
    }
}

/// `kind` is "Object type" or "Interface".
pub(crate) fn diff_implemented_interfaces(
    type_name: &str,
    kind: &str,
    old: &IndexSet<ComponentName>,
    new: &IndexSet<ComponentName>,
    out: &mut Vec<Change>,
) {
    for interface in old.iter().filter(|i| !new.contains(*i)) {
        out.push(Change::new(
            Severity::Breaking,
            ChangeCode::TypeRemovedFromInterface,
            type_name,
            format!(
                "{kind} `{type_name}` no longer implements interface `{}`; fragments on one inside the other no longer validate.",
                interface.name
            ),
        ));
    }
    for interface in new.iter().filter(|i| !old.contains(*i)) {
        out.push(Change::new(
            Severity::Dangerous,
            ChangeCode::TypeAddedToInterface,
            type_name,
            format!(
                "{kind} `{type_name}` now implements interface `{}`; fields returning the interface may return it, which clients may not handle.",
                interface.name
            ),
        ));
    }
}
