//! Arbitrary bytes as an operation against the router's API schema: parse → validate →
//! normalize → coerce (no variables) → introspection. Whatever is accepted must print (its
//! plan-cache signature) to an operation that is accepted again and normalizes the same.

use std::sync::OnceLock;

use operation::Compiler;

use crate::{compiler, load, schemas};

fn router_compiler() -> &'static Compiler {
    static COMPILER: OnceLock<Compiler> = OnceLock::new();
    COMPILER.get_or_init(|| compiler(&load(schemas::SUPERGRAPH)))
}

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A first line `#name` picks the operation, as `operationName` does.
    let name = text
        .strip_prefix('#')
        .and_then(|rest| rest.lines().next())
        .map(str::trim);
    check_operation(router_compiler(), text, name);
}

/// Everything the router does with an operation before planning; panics on an inconsistency.
pub fn check_operation(compiler: &Compiler, text: &str, name: Option<&str>) -> bool {
    let Ok(parsed) = compiler.parse(text, name) else {
        return false;
    };
    if let Ok(prepared) = compiler.prepare(&parsed, &serde_json::Map::new()) {
        if prepared.normalized().has_schema_introspection() {
            let _ = compiler.introspect(&prepared);
        }
    }
    let signature = parsed.signature();
    if !parsed.for_planner().selection_set.selections.is_empty() {
        let again = compiler
            .parse(signature, None)
            .unwrap_or_else(|e| panic!("signature {signature:?} of {text:?} is rejected: {e}"));
        assert_eq!(
            again.signature(),
            signature,
            "normalizing the signature of {text:?} changes it"
        );
    }
    true
}
