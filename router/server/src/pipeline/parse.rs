//! Stage 1: parse and validate the document against the API schema, pick the operation, and
//! refuse what this request may not run (mutations over GET, subscriptions).

use axum::http::StatusCode;
use operation::apollo_compiler::ast::OperationType;
use operation::{Compiler, ParsedOperation};

use super::codes;
use super::request::{GraphQLRequest, Method};
use super::request_error::RequestError;

pub fn parse(
    compiler: &Compiler,
    request: &GraphQLRequest,
    method: Method,
) -> Result<ParsedOperation, RequestError> {
    let parsed = compiler
        .parse(&request.query, request.operation_name.as_deref())
        .map_err(|e| RequestError::from_operation(&e))?;
    match parsed.kind() {
        OperationType::Query => {}
        OperationType::Mutation if method == Method::Post => {}
        OperationType::Mutation => {
            // GraphQL over HTTP: GET must never change state; 405 with `Allow: POST`.
            return Err(RequestError::malformed(
                StatusCode::METHOD_NOT_ALLOWED,
                codes::METHOD_NOT_ALLOWED,
                "mutations cannot be sent with GET; use POST",
            ));
        }
        OperationType::Subscription => {
            return Err(RequestError::new(
                StatusCode::BAD_REQUEST,
                codes::SUBSCRIPTION_NOT_SUPPORTED,
                "subscriptions are not supported over this transport",
            ));
        }
    }
    Ok(parsed)
}
