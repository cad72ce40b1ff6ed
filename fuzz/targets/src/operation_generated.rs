//! Structure-aware: operations generated from the API schema (valid by construction) must be
//! accepted, and go through the same checks as `operation_parse`.

use std::sync::OnceLock;

use arbitrary::Unstructured;
use operation::Compiler;

use crate::operation_parse::check_operation;
use crate::{compiler, generate, load, schemas};

fn router_compiler() -> &'static Compiler {
    static COMPILER: OnceLock<Compiler> = OnceLock::new();
    COMPILER.get_or_init(|| compiler(&load(schemas::SUPERGRAPH)))
}

pub fn run(data: &[u8]) {
    let compiler = router_compiler();
    let mut u = Unstructured::new(data);
    let Ok(generated) = generate::operation(compiler.schema(), &mut u) else {
        return;
    };
    if !check_operation(compiler, &generated.text, None) {
        let error = compiler
            .parse(&generated.text, None)
            .err()
            .map(|e| e.to_string());
        panic!(
            "a generated operation is rejected: {error:?}\n{}",
            generated.text
        );
    }
}
