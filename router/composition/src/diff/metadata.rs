//! Descriptions, deprecations and default values: the parts of an element that do not change
//! what validates, compared the same way for fields, arguments, input fields and enum values.

use apollo_compiler::Node;
use apollo_compiler::ast::{DirectiveList, Value};

use super::change::{Change, ChangeCode, Severity};

/// The codes one kind of element uses for its deprecation changes.
#[derive(Clone, Copy)]
pub(crate) struct DeprecationCodes {
    pub deprecated: ChangeCode,
    pub removed: ChangeCode,
    pub reason: ChangeCode,
}

/// The deprecation reason, `None` when not deprecated (the spec's default reason when
/// `@deprecated` has no argument).
fn deprecation(directives: &DirectiveList) -> Option<String> {
    let directive = directives.get("deprecated")?;
    Some(
        directive
            .specified_argument_by_name("reason")
            .and_then(|v| v.as_str())
            .unwrap_or("No longer supported")
            .to_string(),
    )
}

/// `what` names the element for messages, e.g. "Field `Product.price`".
pub(crate) fn diff_deprecation(
    old: &DirectiveList,
    new: &DirectiveList,
    codes: DeprecationCodes,
    coordinate: &str,
    what: &str,
    out: &mut Vec<Change>,
) {
    match (deprecation(old), deprecation(new)) {
        (None, Some(reason)) => out.push(Change::new(
            Severity::Safe,
            codes.deprecated,
            coordinate,
            format!("{what} was deprecated: \"{reason}\"."),
        )),
        // Clients told to move away may have; un-deprecating signals a reversal worth a look.
        (Some(_), None) => out.push(Change::new(
            Severity::Dangerous,
            codes.removed,
            coordinate,
            format!("{what} is no longer deprecated."),
        )),
        (Some(a), Some(b)) if a != b => out.push(Change::new(
            Severity::Safe,
            codes.reason,
            coordinate,
            format!("{what} deprecation reason changed from \"{a}\" to \"{b}\"."),
        )),
        _ => {}
    }
}

pub(crate) fn diff_description(
    old: Option<&Node<str>>,
    new: Option<&Node<str>>,
    code: ChangeCode,
    coordinate: &str,
    what: &str,
    out: &mut Vec<Change>,
) {
    let old = old.map(|d| d.trim()).filter(|d| !d.is_empty());
    let new = new.map(|d| d.trim()).filter(|d| !d.is_empty());
    let message = match (old, new) {
        (None, Some(_)) => format!("{what} got a description."),
        (Some(_), None) => format!("{what} lost its description."),
        (Some(a), Some(b)) if a != b => format!("{what} description changed."),
        _ => return,
    };
    out.push(Change::new(Severity::Safe, code, coordinate, message));
}

/// A value printed so that equal values print alike: object fields sorted, numbers by value
/// (`1` and `1.0` are the same `Float` default).
pub(crate) fn canonical(value: &Value) -> String {
    match value {
        Value::Object(fields) => {
            let mut fields: Vec<(&str, String)> = fields
                .iter()
                .map(|(name, v)| (name.as_str(), canonical(v)))
                .collect();
            fields.sort();
            let inner: Vec<String> = fields.iter().map(|(n, v)| format!("{n}: {v}")).collect();
            format!("{{{}}}", inner.join(", "))
        }
        Value::List(items) => {
            let inner: Vec<String> = items.iter().map(|v| canonical(v)).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Int(i) => number(i.as_str()),
        Value::Float(f) => number(f.as_str()),
        other => other.to_string(),
    }
}

fn number(text: &str) -> String {
    match text.parse::<f64>() {
        Ok(n) => n.to_string(),
        Err(_) => text.to_string(),
    }
}

pub(crate) fn print_default(value: Option<&Node<Value>>) -> String {
    value.map_or_else(|| "none".to_string(), |v| format!("`{v}`"))
}

pub(crate) fn same_default(old: Option<&Node<Value>>, new: Option<&Node<Value>>) -> bool {
    old.map(|v| canonical(v)) == new.map(|v| canonical(v))
}
