//! What the planner is given: the operation to plan and the per-request options.

use std::collections::HashSet;

use apollo_compiler::Node;
use apollo_compiler::executable::{OperationType, SelectionSet, VariableDefinition};

/// What the planner needs of an operation (the fields of `operation::NormalizedOperation`).
#[derive(Debug, Clone, Copy)]
pub struct OperationInput<'a> {
    pub kind: OperationType,
    pub name: Option<&'a str>,
    pub variables: &'a [Node<VariableDefinition>],
    /// Normalized: inline fragments only, no fragment spreads.
    pub selection_set: &'a SelectionSet,
}

/// Per-request planning inputs.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    /// Progressive `@override` labels enabled for this request (`percent(x)` labels are decided
    /// by the caller, per request).
    pub enabled_override_labels: HashSet<String>,
}
