//! Prints the merged schema as Apollo's composition does (graphql-js layout, types sorted
//! case-insensitively, directives on their own lines).

use std::fmt::Write;

use crate::merge::model::{JoinField, MergedArg, MergedField, MergedSchema, MergedType};
use crate::model::{Applied, TypeKind};

const INACCESSIBLE_DEFINITION: &str = "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION";
const TAG_DEFINITION: &str = "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA";
const AUTHENTICATED_DEFINITION: &str =
    "directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM";
const REQUIRES_SCOPES_DEFINITION: &str = "directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM";
const POLICY_DEFINITION: &str = "directive @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM";
const JOIN_DEFINITIONS: &[&str] = &[
    "directive @join__directive(graphs: [join__Graph!], name: String!, args: join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION",
    "directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE",
    "directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String, contextArguments: [join__ContextArgument!]) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION",
    "directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
    "directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE",
    "directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR",
    "directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION",
    "directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA",
];
const LINK_PURPOSE: &str = "enum link__Purpose {\n  \"\"\"\n  `SECURITY` features provide metadata necessary to securely resolve fields.\n  \"\"\"\n  SECURITY\n\n  \"\"\"\n  `EXECUTION` features provide metadata necessary for operation execution.\n  \"\"\"\n  EXECUTION\n}";
const JOIN_CONTEXT_ARGUMENT: &str = "input join__ContextArgument {\n  name: String!\n  type: String!\n  context: String!\n  selection: join__FieldValue!\n}";

/// Case-insensitive order with lower case first on ties, like JavaScript's `localeCompare`.
pub fn sort_key(name: &str) -> (String, String) {
    let swapped = name
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    // ICU sorts punctuation such as `_` before digits and letters.
    (name.to_lowercase().replace('_', " "), swapped)
}

pub fn print(schema: &MergedSchema) -> String {
    let inaccessible = schema.uses_inaccessible();
    let tag = schema.uses_tag();
    let authenticated = schema.access_requirements().any(|a| a.authenticated);
    let scopes = schema.access_requirements().any(|a| a.scopes.is_some());
    let policies = schema.access_requirements().any(|a| a.policies.is_some());
    let mut blocks: Vec<String> = Vec::new();

    let mut header = String::from(
        "schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n  @link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)",
    );
    if tag {
        header.push_str("\n  @link(url: \"https://specs.apollo.dev/tag/v0.3\")");
    }
    if inaccessible {
        header.push_str(
            "\n  @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY)",
        );
    }
    for (used, spec) in [
        (authenticated, "authenticated"),
        (scopes, "requiresScopes"),
        (policies, "policy"),
    ] {
        if used {
            let _ = write!(
                header,
                "\n  @link(url: \"https://specs.apollo.dev/{spec}/v0.1\", for: SECURITY)"
            );
        }
    }
    header.push_str("\n{");
    for root in &schema.roots {
        let _ = write!(header, "\n  {}: {root}", root.to_lowercase());
    }
    header.push_str("\n}");
    blocks.push(header);

    let mut directives: Vec<&str> = JOIN_DEFINITIONS.to_vec();
    if inaccessible {
        directives.push(INACCESSIBLE_DEFINITION);
    }
    if tag {
        directives.push(TAG_DEFINITION);
    }
    if authenticated {
        directives.push(AUTHENTICATED_DEFINITION);
    }
    if scopes {
        directives.push(REQUIRES_SCOPES_DEFINITION);
    }
    if policies {
        directives.push(POLICY_DEFINITION);
    }
    directives.sort_by_key(|d| sort_key(d.split(['(', ' ']).nth(1).unwrap_or_default()));
    blocks.extend(directives.into_iter().map(str::to_string));

    let mut types: Vec<(String, String)> = schema
        .types
        .values()
        .map(|t| (t.name.clone(), print_type(schema, t)))
        .collect();
    types.push(("join__ContextArgument".into(), JOIN_CONTEXT_ARGUMENT.into()));
    types.push((
        "join__DirectiveArguments".into(),
        "scalar join__DirectiveArguments".into(),
    ));
    types.push(("join__FieldSet".into(), "scalar join__FieldSet".into()));
    types.push(("join__FieldValue".into(), "scalar join__FieldValue".into()));
    types.push(("join__Graph".into(), print_graph_enum(schema)));
    types.push(("link__Import".into(), "scalar link__Import".into()));
    types.push(("link__Purpose".into(), LINK_PURPOSE.into()));
    if scopes {
        types.push((
            "requiresScopes__Scope".into(),
            "scalar requiresScopes__Scope".into(),
        ));
    }
    if policies {
        types.push(("policy__Policy".into(), "scalar policy__Policy".into()));
    }
    types.sort_by_key(|(name, _)| sort_key(name));
    blocks.extend(types.into_iter().map(|(_, text)| text));

    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

fn print_graph_enum(schema: &MergedSchema) -> String {
    let mut out = String::from("enum join__Graph {");
    for graph in &schema.graphs {
        let _ = write!(
            out,
            "\n  {} @join__graph(name: {}, url: {})",
            graph.enum_name,
            string(&graph.name),
            string(&graph.url)
        );
    }
    out.push_str("\n}");
    out
}

/// A GraphQL string literal.
fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value on one line, as graphql-js prints default values (`{a: 1, b: ["x"]}`).
pub(crate) fn value(value: &apollo_compiler::ast::Value) -> String {
    use apollo_compiler::ast::Value;
    match value {
        Value::Null => "null".to_string(),
        Value::Enum(name) => name.to_string(),
        Value::Variable(name) => format!("${name}"),
        Value::String(s) => string(s),
        Value::Float(f) => f.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|v| self::value(v)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", self::value(v)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
    }
}

/// graphql-js `printBlockString`, then indented.
fn description(text: &Option<String>, indentation: &str, first_in_block: bool) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let escaped = text.replace("\"\"\"", "\\\"\"\"");
    let lines: Vec<&str> = escaped.split('\n').collect();
    let single = lines.len() == 1;
    let force_leading = lines.len() > 1
        && lines[1..]
            .iter()
            .all(|l| l.is_empty() || l.starts_with([' ', '\t']));
    let trailing_triple = escaped.ends_with("\\\"\"\"");
    let trailing_quote = text.ends_with('"') && !trailing_triple;
    let trailing_slash = text.ends_with('\\');
    let force_trailing = trailing_quote || trailing_slash;
    let multiple =
        !single || text.chars().count() > 70 || force_trailing || force_leading || trailing_triple;
    let skip_leading = single && text.starts_with([' ', '\t']);
    let mut block = String::from("\"\"\"");
    if (multiple && !skip_leading) || force_leading {
        block.push('\n');
    }
    block.push_str(&escaped);
    if multiple || force_trailing {
        block.push('\n');
    }
    block.push_str("\"\"\"");
    let prefix = if !indentation.is_empty() && !first_in_block {
        format!("\n{indentation}")
    } else {
        indentation.to_string()
    };
    format!(
        "{prefix}{}\n",
        block.replace('\n', &format!("\n{indentation}"))
    )
}

/// `@tag`s and `@deprecated` in first-appearance order, then the access requirements: Apollo
/// merges these after the `join__*` directives.
fn applied(applied: &Applied) -> Vec<String> {
    let mut out = tags_and_deprecated(applied);
    let access = &applied.access;
    if access.authenticated {
        out.push("@authenticated".to_string());
    }
    if let Some(scopes) = &access.scopes {
        out.push(format!("@requiresScopes(scopes: {})", dnf(scopes)));
    }
    if let Some(policies) = &access.policies {
        out.push(format!("@policy(policies: {})", dnf(policies)));
    }
    out
}

/// `[["a", "b"], ["c"]]`
fn dnf(value: &[Vec<String>]) -> String {
    let inner: Vec<String> = value
        .iter()
        .map(|all| {
            let items: Vec<String> = all.iter().map(|s| string(s)).collect();
            format!("[{}]", items.join(", "))
        })
        .collect();
    format!("[{}]", inner.join(", "))
}

fn tags_and_deprecated(applied: &Applied) -> Vec<String> {
    let mut out: Vec<String> = applied
        .tags
        .iter()
        .map(|tag| format!("@tag(name: {})", string(tag)))
        .collect();
    if let Some(url) = &applied.specified_by {
        out.insert(0, format!("@specifiedBy(url: {})", string(url)));
    }
    if let Some(reason) = &applied.deprecated {
        let deprecated = match reason {
            Some(reason) => format!("@deprecated(reason: {})", string(reason)),
            None => "@deprecated".to_string(),
        };
        if applied.deprecated_first {
            out.insert(0, deprecated);
        } else {
            out.push(deprecated);
        }
    }
    out
}

fn type_directives(schema: &MergedSchema, ty: &MergedType) -> Vec<String> {
    let graph = |g: usize| schema.graphs[g].enum_name.as_str();
    let mut out = Vec::new();
    for (g, interface) in &ty.join_implements {
        out.push(format!(
            "@join__implements(graph: {}, interface: {})",
            graph(*g),
            string(interface)
        ));
    }
    for join in &ty.join_types {
        let mut args = vec![format!("graph: {}", graph(join.graph))];
        if let Some(key) = &join.key {
            args.push(format!("key: {}", string(key)));
        }
        if join.extension {
            args.push("extension: true".to_string());
        }
        if let Some(resolvable) = join.resolvable {
            args.push(format!("resolvable: {resolvable}"));
        }
        if join.interface_object {
            args.push("isInterfaceObject: true".to_string());
        }
        out.push(format!("@join__type({})", args.join(", ")));
    }
    // Apollo applies `@inaccessible` as soon as it merges a type's directives.
    if ty.applied.inaccessible {
        out.push("@inaccessible".to_string());
    }
    for (g, member) in &ty.join_members {
        out.push(format!(
            "@join__unionMember(graph: {}, member: {})",
            graph(*g),
            string(member)
        ));
    }
    out.extend(applied(&ty.applied));
    out
}

fn print_type(schema: &MergedSchema, ty: &MergedType) -> String {
    let mut out = description(&ty.description, "", true);
    let keyword = match ty.kind {
        TypeKind::Object => "type",
        TypeKind::Interface => "interface",
        TypeKind::Union => "union",
        TypeKind::Enum => "enum",
        TypeKind::InputObject => "input",
        TypeKind::Scalar => "scalar",
    };
    let _ = write!(out, "{keyword} {}", ty.name);
    if !ty.implements.is_empty() {
        let _ = write!(out, " implements {}", ty.implements.join(" & "));
    }
    let directives = type_directives(schema, ty);
    for d in &directives {
        let _ = write!(out, "\n  {d}");
    }
    match ty.kind {
        TypeKind::Scalar => {}
        TypeKind::Union => {
            if !ty.members.is_empty() {
                if directives.is_empty() {
                    out.push(' ');
                } else {
                    out.push_str("\n ");
                }
                let _ = write!(out, "= {}", ty.members.join(" | "));
            }
        }
        TypeKind::Enum => {
            out.push_str(if directives.is_empty() { " {" } else { "\n{" });
            for (i, value) in ty.values.values().enumerate() {
                out.push('\n');
                out.push_str(&description(&value.description, "  ", i == 0));
                let _ = write!(out, "  {}", value.name);
                if value.applied.inaccessible {
                    out.push_str(" @inaccessible");
                }
                for g in &value.graphs {
                    let _ = write!(
                        out,
                        " @join__enumValue(graph: {})",
                        schema.graphs[*g].enum_name
                    );
                }
                for d in applied(&value.applied) {
                    let _ = write!(out, " {d}");
                }
            }
            out.push_str("\n}");
        }
        TypeKind::Object | TypeKind::Interface | TypeKind::InputObject => {
            out.push_str(if directives.is_empty() { " {" } else { "\n{" });
            for (i, field) in ty.fields.values().enumerate() {
                out.push('\n');
                out.push_str(&print_field(schema, field, i == 0));
            }
            out.push_str("\n}");
        }
    }
    out
}

fn print_field(schema: &MergedSchema, field: &MergedField, first: bool) -> String {
    let mut out = description(&field.description, "  ", first);
    let _ = write!(out, "  {}", field.name);
    if !field.args.is_empty() {
        out.push_str(&print_args(&field.args.values().collect::<Vec<_>>()));
    }
    let _ = write!(out, ": {}", field.ty);
    if let Some(default) = &field.default {
        let _ = write!(out, " = {}", value(default));
    }
    if field.applied.inaccessible {
        out.push_str(" @inaccessible");
    }
    for join in &field.join {
        let _ = write!(out, " {}", print_join_field(schema, join));
    }
    for d in applied(&field.applied) {
        let _ = write!(out, " {d}");
    }
    out
}

fn print_args(args: &[&MergedArg]) -> String {
    let inline = args.iter().all(|a| a.description.is_none());
    let printed: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, arg)| {
            let mut s = if inline {
                String::new()
            } else {
                description(&arg.description, "    ", i == 0)
            };
            if !inline {
                s.push_str("    ");
            }
            let _ = write!(s, "{}: {}", arg.name, arg.ty);
            if let Some(default) = &arg.default {
                let _ = write!(s, " = {}", value(default));
            }
            if arg.applied.inaccessible {
                s.push_str(" @inaccessible");
            }
            for d in applied(&arg.applied) {
                let _ = write!(s, " {d}");
            }
            s
        })
        .collect();
    if inline {
        format!("({})", printed.join(", "))
    } else {
        format!("(\n{}\n  )", printed.join("\n"))
    }
}

fn print_join_field(schema: &MergedSchema, join: &JoinField) -> String {
    let mut args = Vec::new();
    if let Some(g) = join.graph {
        args.push(format!("graph: {}", schema.graphs[g].enum_name));
    }
    if let Some(requires) = &join.requires {
        args.push(format!("requires: {}", string(requires)));
    }
    if let Some(provides) = &join.provides {
        args.push(format!("provides: {}", string(provides)));
    }
    if let Some(from) = &join.override_from {
        args.push(format!("override: {}", string(from)));
    }
    if let Some(ty) = &join.ty {
        args.push(format!("type: {}", string(ty)));
    }
    if join.external {
        args.push("external: true".to_string());
    }
    if join.used_overridden {
        args.push("usedOverridden: true".to_string());
    }
    if let Some(label) = &join.override_label {
        args.push(format!("overrideLabel: {}", string(label)));
    }
    if args.is_empty() {
        "@join__field".to_string()
    } else {
        format!("@join__field({})", args.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_sort_case_insensitively_like_apollo() {
        // Order taken from a supergraph printed by `rover supergraph compose`.
        let expected = [
            "DateTime",
            "DID",
            "GameSource",
            "GUID",
            "ISO8601Duration",
            "join__FieldSet",
            "join__Graph",
            "JSON",
            "Latitude",
            "link__Import",
            "link__Purpose",
            "LocalDate",
            "Locale",
            "LocalEndTime",
            "Time",
            "Timestamp",
            "TimeZone",
            "URL",
            "USCurrency",
            "UtcOffset",
            "UUID",
        ];
        let mut names = expected.to_vec();
        names.reverse();
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, expected);
    }

    #[test]
    fn short_descriptions_stay_on_one_line_and_long_ones_do_not() {
        assert_eq!(
            description(&Some("Short.".into()), "", true),
            "\"\"\"Short.\"\"\"\n"
        );
        let long = "x".repeat(71);
        assert_eq!(
            description(&Some(long.clone()), "", true),
            format!("\"\"\"\n{long}\n\"\"\"\n")
        );
        assert_eq!(
            description(&Some("a\nb".into()), "  ", false),
            "\n  \"\"\"\n  a\n  b\n  \"\"\"\n"
        );
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
