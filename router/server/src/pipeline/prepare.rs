//! Stages 2 and 3: coerce the request's variables against the operation's definitions, then
//! normalize the operation (fragments inlined, `@skip`/`@include` applied, fields merged).
//! `operation::Compiler::prepare` does both in one pass.

use operation::{ParsedOperation, PreparedOperation};
use serde_json::{Map, Value};

use super::RequestError;
use crate::state::RouterState;

pub fn prepare(
    state: &RouterState,
    parsed: &ParsedOperation,
    variables: &Map<String, Value>,
) -> Result<PreparedOperation, RequestError> {
    state
        .compiler
        .prepare(parsed, variables)
        .map_err(|e| RequestError::from_operation(&e))
}
