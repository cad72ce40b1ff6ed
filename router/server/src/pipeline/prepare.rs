//! Stage 2: coerce the request's variables against the operation's definitions. The operation
//! itself was normalized once, when its document was parsed (and is cached with it).

use operation::{Compiler, ParsedOperation, PreparedOperation};
use serde_json::{Map, Value};

use super::request_error::RequestError;

pub fn prepare(
    compiler: &Compiler,
    parsed: &ParsedOperation,
    variables: &Map<String, Value>,
) -> Result<PreparedOperation, RequestError> {
    compiler
        .prepare(parsed, variables)
        .map_err(|e| RequestError::from_operation(&e))
}
