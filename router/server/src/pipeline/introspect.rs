//! Root meta-fields (`__schema`, `__type`, `__typename`) are answered from the API schema by
//! the router itself; the planner never sees them.

use operation::apollo_compiler::ast::OperationType;
use operation::{IntrospectionResponse, PreparedOperation, Selection};

use super::RequestError;
use crate::state::RouterState;

/// `None` when the operation has no root meta-field.
pub fn introspect(
    state: &RouterState,
    prepared: &PreparedOperation,
) -> Result<Option<IntrospectionResponse>, RequestError> {
    let normalized = prepared.normalized();
    let has_meta = normalized.selection_set.selections.iter().any(|s| match s {
        Selection::Field(f) => f.is_meta(),
        Selection::InlineFragment(_) => false,
    });
    if !has_meta {
        return Ok(None);
    }
    if normalized.kind == OperationType::Query && normalized.has_schema_introspection() {
        tracing::debug!("answering introspection from the API schema");
    }
    state
        .compiler
        .introspect(prepared)
        .map(Some)
        .map_err(|e| RequestError::from_operation(&e))
}
