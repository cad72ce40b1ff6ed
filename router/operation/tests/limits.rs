//! Size limits on the normalized operation, and turning introspection off.

mod support;

use operation::{Compiler, Config, LimitKind, Limits, OperationError};
use serde_json::json;
use support::{api_schema, compiler_with_limits, error_json, vars};

fn limit_error(limits: Limits, query: &str) -> OperationError {
    compiler_with_limits(limits)
        .compile(query, None, &vars(json!({})))
        .expect_err("over the limit")
}

fn accepted(limits: Limits, query: &str) -> bool {
    compiler_with_limits(limits)
        .compile(query, None, &vars(json!({})))
        .is_ok()
}

#[test]
fn depth_counts_nested_fields_through_fragments() {
    let query = "{ me { ...R } } fragment R on User { reviews { product { name } } }";
    let limits = |max_depth| Limits {
        max_depth: Some(max_depth),
        ..Limits::none()
    };
    assert!(accepted(limits(4), query));
    let e = limit_error(limits(3), query);
    assert!(matches!(
        e,
        OperationError::Limit {
            kind: LimitKind::Depth,
            limit: 3,
            actual: 4
        }
    ));
    assert_eq!(e.code(), "MAX_DEPTH_LIMIT_EXCEEDED");
    insta::assert_json_snapshot!(error_json(&e));
}

#[test]
fn skipped_selections_do_not_count_towards_depth() {
    let limits = Limits {
        max_depth: Some(2),
        ..Limits::none()
    };
    assert!(accepted(
        limits,
        "{ me { id reviews @skip(if: true) { product { name } } } }"
    ));
}

#[test]
fn aliases_are_counted_after_fragment_expansion() {
    let query = "{ a: me { ...F } b: me { ...F } } fragment F on User { x: id y: name }";
    let limits = |max_aliases| Limits {
        max_aliases: Some(max_aliases),
        ..Limits::none()
    };
    assert!(accepted(limits(6), query));
    let e = limit_error(limits(5), query);
    assert_eq!(e.code(), "MAX_ALIASES_LIMIT_EXCEEDED");
}

#[test]
fn fragment_fan_out_hits_the_selection_limit() {
    // Each level doubles the normalized size: 2^12 leaves from a document of a few hundred bytes.
    let mut query = String::from("{ me { ...F0 } }\n");
    for level in 0..12 {
        query.push_str(&format!(
            "fragment F{level} on User {{ a: reviews {{ author {{ ...F{next} }} }} b: reviews {{ author {{ ...F{next} }} }} }}\n",
            next = level + 1
        ));
    }
    query.push_str("fragment F12 on User { id }\n");
    let e = limit_error(
        Limits {
            max_selections: Some(10_000),
            ..Limits::none()
        },
        &query,
    );
    assert!(matches!(
        e,
        OperationError::Limit {
            kind: LimitKind::Selections,
            ..
        }
    ));
    assert_eq!(e.code(), "MAX_SELECTIONS_LIMIT_EXCEEDED");
}

#[test]
fn default_limits_refuse_the_fan_out_too() {
    let mut query = String::from("{ me { ...F0 } }\n");
    for level in 0..20 {
        query.push_str(&format!(
            "fragment F{level} on User {{ a: cart {{ id }} ...F{next} b: orders {{ id }} }}\n",
            next = level + 1
        ));
    }
    query.push_str("fragment F20 on User { id }\n");
    // Flat fragments on one type merge instead of multiplying, so this one is fine...
    assert!(accepted(Limits::default(), &query));
    // ...but nesting through fields multiplies, and the defaults stop it.
    let mut deep = String::from("{ me { ...F0 } }\n");
    for level in 0..16 {
        deep.push_str(&format!(
            "fragment F{level} on User {{ a: reviews {{ author {{ ...F{next} }} }} b: reviews {{ author {{ ...F{next} }} }} }}\n",
            next = level + 1
        ));
    }
    deep.push_str("fragment F16 on User { id }\n");
    let e = limit_error(Limits::default(), &deep);
    assert!(matches!(e, OperationError::Limit { .. }), "{e:?}");
}

#[test]
fn token_limit_has_its_own_code() {
    let query = format!("{{ me {{ {} }} }}", "id ".repeat(100));
    let limits = |max_tokens| Limits {
        max_tokens: Some(max_tokens),
        ..Limits::none()
    };
    assert!(accepted(limits(1_000), &query));
    let e = limit_error(limits(50), &query);
    assert!(
        matches!(
            e,
            OperationError::Limit {
                kind: LimitKind::Tokens,
                limit: 50,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.code(), "MAX_TOKENS_LIMIT_EXCEEDED");
}

#[test]
fn a_syntax_error_under_the_token_limit_stays_a_parse_failure() {
    let limits = Limits {
        max_tokens: Some(1_000),
        ..Limits::none()
    };
    let e = limit_error(limits, "{ me { id ");
    assert_eq!(e.code(), "GRAPHQL_PARSE_FAILED");
}

#[test]
fn height_counts_each_field_once_per_selection_set_through_fragments() {
    // me, id, name, reviews, product, name: `id` twice and the fragment's `name` merge.
    let query =
        "{ me { id name id ...F reviews { product { name } } } } fragment F on User { name }";
    let limits = |max_height| Limits {
        max_height: Some(max_height),
        ..Limits::none()
    };
    assert!(accepted(limits(6), query));
    let e = limit_error(limits(5), query);
    assert!(matches!(
        e,
        OperationError::Limit {
            kind: LimitKind::Height,
            limit: 5,
            actual: 6
        }
    ));
    assert_eq!(e.code(), "MAX_HEIGHT_LIMIT_EXCEEDED");
}

#[test]
fn root_fields_count_aliases_and_fragments_at_the_root() {
    let query = "{ me { id } other: me { id } ...Q } fragment Q on Query { __typename }";
    let limits = |max_root_fields| Limits {
        max_root_fields: Some(max_root_fields),
        ..Limits::none()
    };
    assert!(accepted(limits(3), query));
    let e = limit_error(limits(2), query);
    assert!(matches!(
        e,
        OperationError::Limit {
            kind: LimitKind::RootFields,
            limit: 2,
            actual: 3
        }
    ));
    assert_eq!(e.code(), "MAX_ROOT_FIELDS_LIMIT_EXCEEDED");
}

#[test]
fn disabled_introspection_refuses_schema_and_type() {
    let compiler = Compiler::new(
        api_schema(),
        Config {
            introspection: false,
            ..Config::default()
        },
    );
    for query in [
        "{ __schema { queryType { name } } }",
        "{ me { id } t: __type(name: \"User\") { name } }",
    ] {
        let e = compiler
            .parse(query, None)
            .expect_err("introspection is off");
        assert_eq!(e.code(), "INTROSPECTION_DISABLED", "{query}");
    }
    assert!(
        compiler
            .parse("{ __typename me { __typename id } }", None)
            .is_ok()
    );
}
