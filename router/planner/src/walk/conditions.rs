//! `@skip` and `@include` with a variable: the conditions a fetch runs under.

use apollo_compiler::ast::{DirectiveList, Value};

use crate::fetch_graph::Condition;

/// `@skip(if: $v)` / `@include(if: $v)` with a variable, as conditions.
pub(super) fn conditions_of(directives: &DirectiveList) -> Vec<Condition> {
    let mut out = Vec::new();
    for (name, expected) in [("skip", false), ("include", true)] {
        if let Some(directive) = directives.get(name)
            && let Some(value) = directive.specified_argument_by_name("if")
            && let Value::Variable(variable) = &**value
        {
            out.push((variable.clone(), expected));
        }
    }
    out
}

/// `base` plus the conditions of `extra` it does not have yet.
pub(super) fn with_conditions(base: &[Condition], extra: Vec<Condition>) -> Vec<Condition> {
    let mut out = base.to_vec();
    for c in extra {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}
