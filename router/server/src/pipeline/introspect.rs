//! Root meta-fields (`__schema`, `__type`, `__typename`) are answered from the API schema by
//! the router itself; the planner never sees them.

use operation::{Compiler, IntrospectionResponse, PreparedOperation};

use super::request_error::RequestError;

/// `None` when the operation asks for neither `__schema` nor `__type` (a root `__typename` is
/// filled in by the executor).
pub fn introspect(
    compiler: &Compiler,
    prepared: &PreparedOperation,
) -> Result<Option<IntrospectionResponse>, RequestError> {
    if !prepared.normalized().has_schema_introspection() {
        return Ok(None);
    }
    compiler
        .introspect(prepared)
        .map(Some)
        .map_err(|e| RequestError::from_operation(&e))
}
