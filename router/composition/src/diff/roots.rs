//! The schema's root operation types.

use apollo_compiler::Schema;

use super::change::{Change, ChangeCode, Severity};

pub(crate) fn diff_roots(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let roots = |schema: &Schema| {
        let def = &schema.schema_definition;
        [
            ("query", def.query.as_ref().map(|n| n.name.to_string())),
            (
                "mutation",
                def.mutation.as_ref().map(|n| n.name.to_string()),
            ),
            (
                "subscription",
                def.subscription.as_ref().map(|n| n.name.to_string()),
            ),
        ]
    };
    for ((operation, before), (_, after)) in roots(old).into_iter().zip(roots(new)) {
        let (severity, message) = match (&before, &after) {
            (Some(a), Some(b)) if a != b => (
                Severity::Breaking,
                format!("The {operation} root type changed from `{a}` to `{b}`."),
            ),
            (Some(a), None) => (
                Severity::Breaking,
                format!("The schema no longer has a {operation} root type (was `{a}`)."),
            ),
            (None, Some(b)) => (
                Severity::Safe,
                format!("The schema now has a {operation} root type, `{b}`."),
            ),
            _ => continue,
        };
        out.push(Change::new(
            severity,
            ChangeCode::RootTypeChanged,
            "schema",
            message,
        ));
    }
}
