#![allow(dead_code)] // each test file uses its own part of the support

use operation::apollo_compiler::Schema;
use operation::apollo_compiler::validation::Valid;
use operation::{Compiler, Config, Limits, OperationError, PreparedOperation};
use std::sync::Arc;

pub fn api_schema() -> Arc<Valid<Schema>> {
    let sdl = include_str!("../fixtures/api.graphql");
    Arc::new(Schema::parse_and_validate(sdl, "api.graphql").expect("fixture schema is valid"))
}

pub fn compiler() -> Compiler {
    Compiler::new(api_schema(), Config::default())
}

pub fn compiler_with_limits(limits: Limits) -> Compiler {
    Compiler::new(
        api_schema(),
        Config {
            limits,
            ..Config::default()
        },
    )
}

pub fn vars(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("variables must be an object, got {other}"),
    }
}

pub fn compile(query: &str, variables: serde_json::Value) -> PreparedOperation {
    compiler()
        .compile(query, None, &vars(variables))
        .unwrap_or_else(|e| panic!("{query} should compile: {e}"))
}

pub fn normalize(query: &str, variables: serde_json::Value) -> String {
    compile(query, variables).normalized().to_string()
}

pub fn error(query: &str, variables: serde_json::Value) -> OperationError {
    match compiler().compile(query, None, &vars(variables)) {
        Ok(prepared) => panic!("{query} should fail, got {}", prepared.normalized()),
        Err(e) => e,
    }
}

/// The errors as a client sees them.
pub fn error_json(error: &OperationError) -> serde_json::Value {
    serde_json::Value::Array(error.to_json())
}
