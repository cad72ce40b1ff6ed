//! The cache of parsed documents behind `Compiler::parse`.

mod support;

use operation::{Compiler, Config};
use support::api_schema;

fn compiler(capacity: usize) -> Compiler {
    Compiler::new(
        api_schema(),
        Config {
            parse_cache_capacity: capacity,
            ..Config::default()
        },
    )
}

#[test]
fn same_query_and_name_reuse_the_parsed_document() {
    let compiler = compiler(8);
    let query = "query A { me { id } } query B { cart { id } }";
    let first = compiler.parse(query, Some("A")).expect("valid");
    let again = compiler.parse(query, Some("A")).expect("valid");
    assert!(std::ptr::eq(first.document(), again.document()));
    let other = compiler.parse(query, Some("B")).expect("valid");
    assert_eq!(other.name().map(|n| n.as_str()), Some("B"));
    assert!(std::ptr::eq(
        first.document(),
        compiler.parse(query, Some("A")).expect("valid").document()
    ));
    assert_eq!(compiler.parse_cache_len(), 2);
}

#[test]
fn failures_are_not_cached() {
    let compiler = compiler(8);
    assert!(compiler.parse("{ me { nope } }", None).is_err());
    assert!(compiler.parse("query A { me { id } }", Some("B")).is_err());
    assert_eq!(compiler.parse_cache_len(), 0);
}

#[test]
fn least_recently_used_entry_is_evicted() {
    let compiler = compiler(2);
    let a = compiler.parse("{ me { id } }", None).expect("valid");
    let b = compiler.parse("{ cart { id } }", None).expect("valid");
    // Touch `a`, so `b` is the least recently used when `c` arrives.
    compiler.parse("{ me { id } }", None).expect("valid");
    compiler.parse("{ me { name } }", None).expect("valid");
    assert_eq!(compiler.parse_cache_len(), 2);
    let a_again = compiler.parse("{ me { id } }", None).expect("valid");
    assert!(std::ptr::eq(a.document(), a_again.document()));
    let b_again = compiler.parse("{ cart { id } }", None).expect("valid");
    assert!(!std::ptr::eq(b.document(), b_again.document()));
}

#[test]
fn zero_capacity_turns_the_cache_off() {
    let compiler = compiler(0);
    let first = compiler.parse("{ me { id } }", None).expect("valid");
    let again = compiler.parse("{ me { id } }", None).expect("valid");
    assert!(!std::ptr::eq(first.document(), again.document()));
    assert_eq!(compiler.parse_cache_len(), 0);
}
