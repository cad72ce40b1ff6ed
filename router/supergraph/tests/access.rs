//! `@authenticated`, `@requiresScopes` and `@policy` are read into `Supergraph::access`, under
//! the names the supergraph's `@link`s give them, and stay out of the API schema.

mod common;

use common::{fixture, load};
use supergraph::{Requirements, Supergraph};

fn describe(sg: &Supergraph) -> String {
    let show = |r: &Requirements| format!("{r:?}");
    let mut lines = Vec::new();
    for (name, meta) in &sg.types {
        if let Some(r) = sg.access.on_type(name) {
            lines.push(format!("{name}: {}", show(r)));
        }
        for field in meta.fields.keys() {
            if let Some(r) = sg.access.on_field(name, field) {
                lines.push(format!("{name}.{field}: {}", show(r)));
            }
        }
    }
    lines.join("\n")
}

#[test]
fn reads_requirements_on_types_and_fields() {
    let sg = load(&fixture("access.graphql"));
    insta::assert_snapshot!(describe(&sg), @r#"
    Query.me: Requirements { authenticated: true, scopes: None, policies: None }
    Role: Requirements { authenticated: false, scopes: Some([["roles"]]), policies: None }
    Secret: Requirements { authenticated: false, scopes: None, policies: Some([["internal"]]) }
    Token: Requirements { authenticated: true, scopes: None, policies: None }
    User.email: Requirements { authenticated: true, scopes: None, policies: None }
    User.orders: Requirements { authenticated: false, scopes: Some([["admin", "orders:all"], ["orders:read"]]), policies: None }
    User.balance: Requirements { authenticated: false, scopes: Some([["billing"]]), policies: None }
    User.card: Requirements { authenticated: true, scopes: None, policies: Some([["owner"]]) }
    "#);
    assert_eq!(sg.access.policy_names(), vec!["internal", "owner"]);
}

#[test]
fn renamed_imports_and_namespaces_are_understood_and_unlinked_names_ignored() {
    let plain = load(&fixture("access.graphql"));
    let renamed = load(&fixture("access_renamed.graphql"));
    assert_eq!(describe(&renamed), describe(&plain));
    // `@authenticated` here is a custom directive: no link gives it a meaning.
    assert_eq!(renamed.access.on_field("User", "name"), None);
}

#[test]
fn api_schema_has_no_access_directives() {
    let sg = load(&fixture("access.graphql"));
    let api = sg.api_sdl();
    for name in [
        "@authenticated",
        "@requiresScopes",
        "@policy",
        "requiresScopes__Scope",
    ] {
        assert!(
            !api.contains(name),
            "{name} leaked into the API schema:\n{api}"
        );
    }
}

#[test]
fn malformed_scopes_are_a_located_error() {
    let sdl = fixture("access.graphql").replace(
        r#"@requiresScopes(scopes: [["billing"]])"#,
        r#"@requiresScopes(scopes: ["billing"])"#,
    );
    let error = Supergraph::parse(&sdl, "supergraph.graphql").expect_err("invalid scopes");
    insta::assert_snapshot!(error.to_string(), @"@requiresScopes on User.balance at 111:39: argument `scopes` must be a list of lists of strings");
}
