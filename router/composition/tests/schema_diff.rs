//! The schema diff behind `router check`: one test per class of change, each asserting the
//! severity, code, coordinate and message a service team sees.

use apollo_compiler::Schema;
use composition::diff::{Severity, diff, has_breaking};

/// The changes from `old` to `new` (both validated API schemas), one per line.
fn changes(old: &str, new: &str) -> String {
    let old = Schema::parse_and_validate(old, "old.graphql").expect("old schema is valid");
    let new = Schema::parse_and_validate(new, "new.graphql").expect("new schema is valid");
    diff(&old, &new)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn identical_schemas_have_no_changes() {
    let sdl =
        "type Query { a(x: Int = 1): [String!]! @deprecated } enum E { A B } input I { f: E = A }";
    assert_eq!(changes(sdl, sdl), "");
}

#[test]
fn definition_order_and_formatting_do_not_matter() {
    let old =
        "type Query { a: A b: Int }\ntype A { x: Int y: Int }\ninput I { p: Int = 1, q: [Int] }";
    let new =
        "input I { q: [Int] p: Int = 1 }\ntype A { y: Int, x: Int }\ntype Query { b: Int, a: A }";
    assert_eq!(changes(old, new), "");
}

#[test]
fn added_types_and_fields_are_safe() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int }",
        "type Query { a: Int b(x: Int!): B } type B { c: String }",
    ), @r#"
        safe[TYPE_ADDED] B: Type `B` (object type) was added.
        safe[FIELD_ADDED] Query.b: Field `Query.b: B` was added.
        "#);
}

#[test]
fn removed_field_is_breaking_and_says_when_it_was_deprecated() {
    insta::assert_snapshot!(changes(
        r#"type Query { a: Int b: Int c: Int @deprecated(reason: "use a") }"#,
        "type Query { a: Int }",
    ), @r#"
        breaking[FIELD_REMOVED] Query.b: Field `Query.b` was removed; operations selecting it no longer validate.
        breaking[FIELD_REMOVED] Query.c: Field `Query.c` was removed (it was deprecated); operations selecting it no longer validate.
        "#);
}

#[test]
fn removed_type_is_breaking() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int } type Unused { x: Int } scalar Date",
        "type Query { a: Int }",
    ), @r#"
        breaking[TYPE_REMOVED] Date: Type `Date` (scalar) was removed; operations using it no longer validate.
        breaking[TYPE_REMOVED] Unused: Type `Unused` (object type) was removed; operations using it no longer validate.
        "#);
}

#[test]
fn changed_type_kind_is_breaking() {
    insta::assert_snapshot!(changes(
        "type Query { a: A } type A { x: Int } type B { x: Int }",
        "type Query { a: A } interface A { x: Int } type B implements A { x: Int }",
    ), @r#"
        breaking[TYPE_CHANGED_KIND] A: Type `A` changed from object type to interface.
        dangerous[TYPE_ADDED_TO_INTERFACE] B: Object type `B` now implements interface `A`; fields returning the interface may return it, which clients may not handle.
        "#);
}

#[test]
fn output_field_may_become_non_null_but_not_nullable() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int b: Int! c: [Int] d: [Int!]! }",
        "type Query { a: Int! b: Int c: [Int!]! d: [Int]! }",
    ), @r#"
        breaking[FIELD_CHANGED_TYPE] Query.b: Field `Query.b` changed type from `Int!` to `Int`: it may now return null where clients were promised a value.
        breaking[FIELD_CHANGED_TYPE] Query.d: Field `Query.d` changed type from `[Int!]!` to `[Int]!`: it may now return null where clients were promised a value.
        safe[FIELD_CHANGED_TYPE] Query.a: Field `Query.a` changed type from `Int` to `Int!`: it returns a subset of what it did.
        safe[FIELD_CHANGED_TYPE] Query.c: Field `Query.c` changed type from `[Int]` to `[Int!]!`: it returns a subset of what it did.
        "#);
}

#[test]
fn output_field_changing_named_type_or_list_nesting_is_breaking() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int b: [Int] c: ID }",
        "type Query { a: Float b: [[Int]] c: [ID] }",
    ), @r#"
        breaking[FIELD_CHANGED_TYPE] Query.a: Field `Query.a` changed type from `Int` to `Float`: selections written for the old type no longer apply.
        breaking[FIELD_CHANGED_TYPE] Query.b: Field `Query.b` changed type from `[Int]` to `[[Int]]`: the list nesting changed.
        breaking[FIELD_CHANGED_TYPE] Query.c: Field `Query.c` changed type from `ID` to `[ID]`: the list nesting changed.
        "#);
}

#[test]
fn argument_may_become_nullable_but_not_non_null() {
    insta::assert_snapshot!(changes(
        "type Query { a(x: Int!, y: Int, z: [Int!]!, w: Int): Int }",
        "type Query { a(x: Int, y: Int!, z: [Int], w: String): Int }",
    ), @r#"
        breaking[ARG_CHANGED_TYPE] Query.a(w:): Argument `Query.a(w:)` changed type from `Int` to `String`: values and variables of the old type are no longer accepted.
        breaking[ARG_CHANGED_TYPE] Query.a(y:): Argument `Query.a(y:)` changed type from `Int` to `Int!`: null is no longer accepted, and nullable variables no longer fit.
        safe[ARG_CHANGED_TYPE] Query.a(x:): Argument `Query.a(x:)` changed type from `Int!` to `Int`: every value accepted before still is.
        safe[ARG_CHANGED_TYPE] Query.a(z:): Argument `Query.a(z:)` changed type from `[Int!]!` to `[Int]`: every value accepted before still is.
        "#);
}

#[test]
fn required_argument_added_is_breaking_and_optional_is_dangerous() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int }",
        "type Query { a(required: ID!, optional: Int, defaulted: Int! = 3): Int }",
    ), @r#"
        breaking[REQUIRED_ARG_ADDED] Query.a(required:): Required argument `required: ID!` was added to `Query.a`; operations that do not pass it no longer validate.
        dangerous[OPTIONAL_ARG_ADDED] Query.a(defaulted:): Optional argument `defaulted: Int! = 3` was added to `Query.a`.
        dangerous[OPTIONAL_ARG_ADDED] Query.a(optional:): Optional argument `optional: Int` was added to `Query.a`.
        "#);
}

#[test]
fn removed_argument_is_breaking() {
    insta::assert_snapshot!(changes(
        "type Query { a(first: Int, after: String): Int }",
        "type Query { a(first: Int): Int }",
    ), @"breaking[ARG_REMOVED] Query.a(after:): Argument `Query.a(after:)` was removed; operations that pass it no longer validate.");
}

#[test]
fn input_fields_follow_input_variance_and_required_ness() {
    insta::assert_snapshot!(changes(
        "type Query { a(i: I): Int } input I { keep: Int! widen: Int! narrow: Int gone: Int }",
        "type Query { a(i: I): Int } input I { keep: Int! widen: Int narrow: Int! added: Int needed: Int! }",
    ), @r#"
        breaking[FIELD_REMOVED_FROM_INPUT_OBJECT] I.gone: Input field `I.gone` was removed; operations that pass it no longer validate.
        breaking[INPUT_FIELD_CHANGED_TYPE] I.narrow: Input field `I.narrow` changed type from `Int` to `Int!`: null is no longer accepted, and nullable variables no longer fit.
        breaking[REQUIRED_INPUT_FIELD_ADDED] I.needed: Required input field `needed: Int!` was added to `I`; operations that do not pass it no longer validate.
        safe[OPTIONAL_INPUT_FIELD_ADDED] I.added: Optional input field `added: Int` was added to `I`.
        safe[INPUT_FIELD_CHANGED_TYPE] I.widen: Input field `I.widen` changed type from `Int!` to `Int`: every value accepted before still is.
        "#);
}

#[test]
fn default_value_change_is_dangerous_and_dropping_a_required_default_is_breaking() {
    insta::assert_snapshot!(changes(
        r#"type Query { a(x: Int = 1, y: Int! = 2, z: Int, o: O = {a: 1, b: 2}, f: Float = 1): Int } input O { a: Int b: Int }"#,
        r#"type Query { a(x: Int = 5, y: Int!, z: Int = 0, o: O = {b: 2, a: 1}, f: Float = 1.0): Int } input O { a: Int b: Int }"#,
    ), @r#"
        breaking[ARG_DEFAULT_VALUE_CHANGE] Query.a(y:): Argument `Query.a(y:)` default value changed from `2` to none; it is now required and operations that omit it no longer validate.
        dangerous[ARG_DEFAULT_VALUE_CHANGE] Query.a(x:): Argument `Query.a(x:)` default value changed from `1` to `5`; operations that omit it now get another value.
        dangerous[ARG_DEFAULT_VALUE_CHANGE] Query.a(z:): Argument `Query.a(z:)` default value changed from none to `0`; operations that omit it now get another value.
        "#);
}

#[test]
fn removed_enum_value_is_breaking() {
    insta::assert_snapshot!(changes(
        "type Query { s: Status } enum Status { ACTIVE ARCHIVED DRAFT }",
        "type Query { s: Status } enum Status { ACTIVE DRAFT }",
    ), @"breaking[VALUE_REMOVED_FROM_ENUM] Status.ARCHIVED: Enum value `Status.ARCHIVED` was removed; operations passing it no longer validate and clients may still expect it.");
}

#[test]
fn added_enum_value_is_dangerous_when_returned_and_safe_when_only_input() {
    insta::assert_snapshot!(changes(
        "type Query { s: Status f(sort: Sort): Int } enum Status { ACTIVE } enum Sort { ASC }",
        "type Query { s: Status f(sort: Sort): Int } enum Status { ACTIVE DRAFT } enum Sort { ASC DESC }",
    ), @r#"
        dangerous[VALUE_ADDED_TO_ENUM] Status.DRAFT: Enum value `Status.DRAFT` was added; clients that switch over its values may not handle it.
        safe[VALUE_ADDED_TO_ENUM] Sort.DESC: Enum value `Sort.DESC` was added (the enum is only used as input).
        "#);
}

#[test]
fn union_member_removed_is_breaking_and_added_is_dangerous() {
    insta::assert_snapshot!(changes(
        "type Query { s: R } union R = A | B type A { x: Int } type B { x: Int } type C { x: Int }",
        "type Query { s: R } union R = A | C type A { x: Int } type B { x: Int } type C { x: Int }",
    ), @r#"
        breaking[TYPE_REMOVED_FROM_UNION] R: Type `B` was removed from union `R`; fragments on it inside the union no longer validate.
        dangerous[TYPE_ADDED_TO_UNION] R: Type `C` was added to union `R`; clients that switch over `__typename` may not handle it.
        "#);
}

#[test]
fn interface_removed_from_object_is_breaking_and_added_is_dangerous() {
    insta::assert_snapshot!(changes(
        "type Query { n: Node } interface Node { id: ID! } interface Named { name: String } type A implements Node { id: ID! name: String }",
        "type Query { n: Node } interface Node { id: ID! } interface Named { name: String } type A implements Named { id: ID! name: String }",
    ), @r#"
        breaking[TYPE_REMOVED_FROM_INTERFACE] A: Object type `A` no longer implements interface `Node`; fragments on one inside the other no longer validate.
        dangerous[TYPE_ADDED_TO_INTERFACE] A: Object type `A` now implements interface `Named`; fields returning the interface may return it, which clients may not handle.
        "#);
}

#[test]
fn descriptions_and_deprecations_are_safe_except_undeprecating() {
    insta::assert_snapshot!(changes(
        r#""old" type Query { a: Int @deprecated b: Int c(x: Int): Int "d" d: E } enum E { A B @deprecated(reason: "old") }"#,
        r#""new" type Query { a: Int b: Int @deprecated(reason: "use a") c(x: Int @deprecated): Int d: E } enum E { A @deprecated B @deprecated(reason: "gone soon") }"#,
    ), @r#"
        dangerous[FIELD_DEPRECATION_REMOVED] Query.a: Field `Query.a` is no longer deprecated.
        safe[ENUM_VALUE_DEPRECATED] E.A: Enum value `E.A` was deprecated: "No longer supported".
        safe[ENUM_VALUE_DEPRECATED_REASON_CHANGE] E.B: Enum value `E.B` deprecation reason changed from "old" to "gone soon".
        safe[TYPE_DESCRIPTION_CHANGE] Query: Type `Query` description changed.
        safe[FIELD_DEPRECATED] Query.b: Field `Query.b` was deprecated: "use a".
        safe[ARG_DEPRECATED] Query.c(x:): Argument `Query.c(x:)` was deprecated: "No longer supported".
        safe[FIELD_DESCRIPTION_CHANGE] Query.d: Field `Query.d` lost its description.
        "#);
}

#[test]
fn executable_directive_changes_are_breaking_and_type_system_ones_safe() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int } directive @cached(ttl: Int) on FIELD | QUERY directive @old on FIELD directive @meta on OBJECT",
        "type Query { a: Int } directive @cached(ttl: Int, scope: String!) on FIELD directive @new repeatable on FIELD",
    ), @r#"
        breaking[DIRECTIVE_LOCATION_REMOVED] @cached: Directive `@cached` can no longer be used on QUERY.
        breaking[REQUIRED_DIRECTIVE_ARG_ADDED] @cached(scope:): Required directive argument `scope: String!` was added to `@cached`; operations that do not pass it no longer validate.
        breaking[DIRECTIVE_REMOVED] @old: Directive `@old` was removed.
        safe[DIRECTIVE_REMOVED] @meta: Directive `@meta` was removed.
        safe[DIRECTIVE_ADDED] @new: Directive `@new` was added.
        "#);
}

#[test]
fn input_object_becoming_one_of_is_breaking() {
    insta::assert_snapshot!(changes(
        "type Query { a(by: By): Int } input By { id: ID name: String }",
        "type Query { a(by: By): Int } input By @oneOf { id: ID name: String } directive @oneOf on INPUT_OBJECT",
    ), @r#"
        breaking[INPUT_OBJECT_ONE_OF_CHANGE] By: Input object type `By` became @oneOf; inputs giving more or fewer than one field no longer validate.
        safe[DIRECTIVE_ADDED] @oneOf: Directive `@oneOf` was added.
        "#);
}

#[test]
fn root_type_changes_are_reported() {
    insta::assert_snapshot!(changes(
        "type Query { a: Int } type Mutation { m: Int }",
        "schema { query: Query mutation: Mut } type Query { a: Int } type Mut { m: Int }",
    ), @r#"
        breaking[TYPE_REMOVED] Mutation: Type `Mutation` (object type) was removed; operations using it no longer validate.
        breaking[ROOT_TYPE_CHANGED] schema: The mutation root type changed from `Mutation` to `Mut`.
        safe[TYPE_ADDED] Mut: Type `Mut` (object type) was added.
        "#);
}

#[test]
fn breaking_changes_come_first_then_dangerous_then_safe() {
    let old = Schema::parse_and_validate("type Query { a: Int z: Int } enum E { A }", "old")
        .expect("valid");
    let new = Schema::parse_and_validate(
        "type Query { a: Int b: E } enum E { A B } type Added { x: Int }",
        "new",
    )
    .expect("valid");
    let changes = diff(&old, &new);
    let severities: Vec<Severity> = changes.iter().map(|c| c.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(severities.first(), Some(&Severity::Breaking));
    assert_eq!(severities.last(), Some(&Severity::Safe));
    assert!(has_breaking(&changes));
}
