//! Our composition against Apollo's: every fixture under `tests/fixtures/` has the result of
//! `@apollo/composition` (pinned in `scripts/reference-compose`, which regenerates them) checked
//! in next to it, `reference.graphql` or `reference-errors.json`. For each fixture we require
//! the same outcome; for a rejection the same set of error codes; for a supergraph the same
//! `join__*` information per type, field, enum value and union member and the same API schema
//! (types, fields, arguments, values, members, interfaces and the directives clients see),
//! modulo ordering, and the same hint codes (but those in [`HINTS_NOT_YET`]); Apollo's error
//! messages must be among ours word for word (but `SATISFIABILITY_ERROR`'s and those in
//! [`MESSAGE_DIFFERENCES`]). Descriptions,
//! the `join`/`link` versions and directive definitions are not compared (we always print `join/v0.5`; Apollo picks the smallest version that fits).
//!
//! Where we differ on purpose, or have not caught up yet, the fixture is listed in
//! [`DIFFERENCES`] with the reason; a listed fixture that no longer differs fails the test too,
//! so the list stays true.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use apollo_compiler::ast::{Definition, Directive, DirectiveList, Document, Value};
use composition::{SubgraphSdl, compose};

/// Fixtures where our result differs from Apollo's, and why.
const DIFFERENCES: &[(&str, &str)] = &[
    (
        "compose_directive_is_rejected_as_unsupported",
        "deliberate: @composeDirective and custom directives are not supported; a subgraph \
         using it is rejected (UNSUPPORTED_FEATURE) rather than composed without its directive",
    ),
    (
        "auth_directives_are_carried_to_the_supergraph",
        "not yet: carried directives print under their spec names (`@authenticated`, \
         `@requiresScopes`, `@policy`); Apollo keeps the name all subgraphs apply them under \
         (here `@federation__authenticated`, `@scopes`) and links it with `as:`/`import:`. Both \
         are valid supergraphs with the same meaning (our loader reads either)",
    ),
];

/// Hint codes Apollo gives that we do not produce yet; every other hint code must agree
/// (per fixture, as a set).
const HINTS_NOT_YET: &[(&str, &str)] = &[
    (
        "MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
        "merged @requiresScopes/@policy lists are not reported",
    ),
    (
        "INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
        "differing @deprecated reasons are merged silently",
    ),
    (
        "INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN",
        "satisfiability does not compare the runtime types of shareable abstract fields",
    ),
];

/// Fixtures where an error message (other than `SATISFIABILITY_ERROR`'s, whose explanations
/// follow our own search) is worded differently from Apollo's, and why.
const MESSAGE_DIFFERENCES: &[(&str, &str)] = &[
    (
        "invalid_graphql_is_rejected",
        "syntax errors come from apollo-compiler's parser, Apollo's from graphql-js",
    ),
    (
        "namespaced_name_of_imported_directive_is_rejected",
        "no \"Did you mean ...\" suggestions for unknown directives",
    ),
];

struct Case {
    name: String,
    dir: PathBuf,
}

fn cases() -> anyhow::Result<Vec<Case>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&root)? {
        let dir = entry?.path();
        if !dir.join("subgraphs").is_dir() {
            continue;
        }
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| anyhow::anyhow!("bad fixture name {}", dir.display()))?
            .to_string();
        out.push(Case { name, dir });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn load_subgraphs(dir: &Path) -> anyhow::Result<Vec<SubgraphSdl>> {
    let urls = std::fs::read_to_string(dir.join("urls.txt")).unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("subgraphs"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|f| f.extension().is_some_and(|e| e == "graphql"));
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| anyhow::anyhow!("bad file name {}", file.display()))?
            .to_string();
        let url = urls
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_string))
            .unwrap_or_else(|| format!("http://{name}"));
        out.push(SubgraphSdl::new(name, url, std::fs::read_to_string(&file)?));
    }
    Ok(out)
}

#[derive(Debug, PartialEq)]
enum Outcome {
    /// The supergraph's facts (see [`facts`]), hint codes included as `hint CODE` lines.
    Supergraph(BTreeSet<String>),
    Errors(BTreeSet<String>),
}

/// `hint CODE` facts, leaving out the codes of [`HINTS_NOT_YET`].
fn hint_facts<'a>(codes: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    codes
        .filter(|code| !HINTS_NOT_YET.iter().any(|(c, _)| c == code))
        .map(|code| format!("hint {code}"))
        .collect()
}

fn reference(case: &Case) -> anyhow::Result<Outcome> {
    let sdl = case.dir.join("reference.graphql");
    if sdl.exists() {
        let text = std::fs::read_to_string(sdl)?;
        let mut facts = facts(&text)?;
        facts.extend(hint_facts(text.lines().filter_map(|l| {
            l.strip_prefix("# hint ")
                .and_then(|rest| rest.split(':').next())
        })));
        return Ok(Outcome::Supergraph(facts));
    }
    let errors = case.dir.join("reference-errors.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&errors).map_err(|e| {
            anyhow::anyhow!(
                "{}: no reference ({e}); run scripts/reference-compose {}",
                case.name,
                case.name
            )
        })?)?;
    let codes = json["errors"]
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("{}: reference-errors.json has no errors", case.name))?
        .iter()
        .filter_map(|e| e["code"].as_str().map(str::to_string))
        .collect();
    Ok(Outcome::Errors(codes))
}

/// Apollo's error messages for a rejected fixture (`SATISFIABILITY_ERROR` left out).
fn reference_messages(case: &Case) -> anyhow::Result<Vec<String>> {
    let Ok(text) = std::fs::read_to_string(case.dir.join("reference-errors.json")) else {
        return Ok(Vec::new());
    };
    let json: serde_json::Value = serde_json::from_str(&text)?;
    Ok(json["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["code"] != "SATISFIABILITY_ERROR")
        .filter_map(|e| e["message"].as_str().map(str::to_string))
        .collect())
}

fn ours(case: &Case) -> anyhow::Result<Outcome> {
    Ok(match compose(&load_subgraphs(&case.dir)?) {
        Ok(supergraph) => {
            let mut facts = facts(&supergraph.sdl)?;
            facts.extend(hint_facts(supergraph.hints.iter().map(|h| h.code)));
            Outcome::Supergraph(facts)
        }
        Err(diagnostics) => {
            Outcome::Errors(diagnostics.iter().map(|d| d.code.to_string()).collect())
        }
    })
}

/// The supergraph as a set of lines, one per fact that matters: each type's kind and
/// `join__type`s, interfaces and their `join__implements`, members and `join__unionMember`s,
/// each field's type, arguments and `join__field`s, enum values and `join__enumValue`s, input
/// fields, the graphs and their URLs, and the client-visible directives.
fn facts(sdl: &str) -> anyhow::Result<BTreeSet<String>> {
    let document = Document::parse(sdl, "supergraph.graphql")
        .map_err(|e| anyhow::anyhow!("supergraph does not parse: {}", e.errors))?;
    let mut out = BTreeSet::new();
    for definition in &document.definitions {
        let (kind, name, directives) = match definition {
            Definition::ObjectTypeDefinition(d) => ("type", &d.name, &d.directives),
            Definition::InterfaceTypeDefinition(d) => ("interface", &d.name, &d.directives),
            Definition::UnionTypeDefinition(d) => ("union", &d.name, &d.directives),
            Definition::EnumTypeDefinition(d) => ("enum", &d.name, &d.directives),
            Definition::InputObjectTypeDefinition(d) => ("input", &d.name, &d.directives),
            Definition::ScalarTypeDefinition(d) => ("scalar", &d.name, &d.directives),
            _ => continue,
        };
        if name.starts_with("link__") || name.starts_with("join__") && name != "join__Graph" {
            continue;
        }
        out.insert(format!("{kind} {name}"));
        for d in directives.iter() {
            out.insert(format!("{name} {}", directive(d)));
        }
        match definition {
            Definition::ObjectTypeDefinition(d) => {
                for i in &d.implements_interfaces {
                    out.insert(format!("{name} implements {i}"));
                }
                fields(&mut out, name, &d.fields);
            }
            Definition::InterfaceTypeDefinition(d) => {
                for i in &d.implements_interfaces {
                    out.insert(format!("{name} implements {i}"));
                }
                fields(&mut out, name, &d.fields);
            }
            Definition::UnionTypeDefinition(d) => {
                for m in &d.members {
                    out.insert(format!("{name} member {m}"));
                }
            }
            Definition::EnumTypeDefinition(d) => {
                for v in &d.values {
                    out.insert(format!("{name}.{}", v.value));
                    for dir in v.directives.iter() {
                        out.insert(format!("{name}.{} {}", v.value, directive(dir)));
                    }
                }
            }
            Definition::InputObjectTypeDefinition(d) => {
                for f in &d.fields {
                    let default = f
                        .default_value
                        .as_ref()
                        .map(|v| format!(" = {v}"))
                        .unwrap_or_default();
                    out.insert(format!("{name}.{}: {}{default}", f.name, f.ty));
                    input_directives(&mut out, &format!("{name}.{}", f.name), &f.directives);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

fn fields(
    out: &mut BTreeSet<String>,
    type_name: &str,
    fields: &[apollo_compiler::Node<apollo_compiler::ast::FieldDefinition>],
) {
    for f in fields {
        let coordinate = format!("{type_name}.{}", f.name);
        out.insert(format!("{coordinate}: {}", f.ty));
        for d in f.directives.iter() {
            out.insert(format!("{coordinate} {}", directive(d)));
        }
        for a in &f.arguments {
            let default = a
                .default_value
                .as_ref()
                .map(|v| format!(" = {v}"))
                .unwrap_or_default();
            out.insert(format!("{coordinate}({}: {}{default})", a.name, a.ty));
            input_directives(out, &format!("{coordinate}({}:)", a.name), &a.directives);
        }
    }
}

fn input_directives(out: &mut BTreeSet<String>, coordinate: &str, directives: &DirectiveList) {
    for d in directives.iter() {
        out.insert(format!("{coordinate} {}", directive(d)));
    }
}

/// A directive with its arguments sorted, arguments equal to their defaults left out, and
/// field sets with normalized spacing.
fn directive(d: &Directive) -> String {
    let defaults: &[(&str, &str)] = &[
        ("extension", "false"),
        ("resolvable", "true"),
        ("isInterfaceObject", "false"),
        ("external", "false"),
        ("usedOverridden", "false"),
    ];
    let mut args: Vec<String> = d
        .arguments
        .iter()
        .map(|a| {
            let value = match a.value.as_ref() {
                Value::String(s) => {
                    format!("{:?}", s.split_whitespace().collect::<Vec<_>>().join(" "))
                }
                other => other.to_string(),
            };
            (a.name.to_string(), value)
        })
        .filter(|(name, value)| !defaults.contains(&(name.as_str(), value.as_str())))
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    args.sort();
    if args.is_empty() {
        format!("@{}", d.name)
    } else {
        format!("@{}({})", d.name, args.join(", "))
    }
}

#[test]
fn composition_agrees_with_apollo_on_every_fixture() -> anyhow::Result<()> {
    let cases = cases()?;
    assert!(cases.len() >= 60, "the corpus has {} sets", cases.len());
    let mut problems = Vec::new();
    for case in &cases {
        let expected = reference(case)?;
        let actual = ours(case)?;
        let listed = DIFFERENCES.iter().find(|(name, _)| *name == case.name);
        let differs = expected != actual;
        match (differs, listed) {
            (false, None) | (true, Some(_)) => {}
            (false, Some((_, why))) => problems.push(format!(
                "{}: listed as a difference ({why}) but agrees with Apollo now; remove it from DIFFERENCES",
                case.name
            )),
            (true, None) => problems.push(describe(&case.name, &expected, &actual)),
        }
        if let Err(diagnostics) = compose(&load_subgraphs(&case.dir)?) {
            let ours: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
            let missing: Vec<String> = reference_messages(case)?
                .into_iter()
                .filter(|m| !ours.contains(&m.as_str()))
                .collect();
            let listed = MESSAGE_DIFFERENCES.iter().find(|(n, _)| *n == case.name);
            match (missing.is_empty(), listed) {
                (true, None) | (false, Some(_)) => {}
                (true, Some((_, why))) => problems.push(format!(
                    "{}: listed in MESSAGE_DIFFERENCES ({why}) but the messages agree now",
                    case.name
                )),
                (false, None) => problems.push(format!(
                    "{}: Apollo's message(s) not among ours:\n  {}\nours:\n  {}",
                    case.name,
                    missing.join("\n  "),
                    ours.join("\n  ")
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    Ok(())
}

fn describe(name: &str, expected: &Outcome, actual: &Outcome) -> String {
    match (expected, actual) {
        (Outcome::Supergraph(e), Outcome::Supergraph(a)) => {
            let mut text = format!("{name}: the supergraphs differ (- Apollo only, + ours only)");
            for line in e.difference(a) {
                text.push_str(&format!("\n  - {line}"));
            }
            for line in a.difference(e) {
                text.push_str(&format!("\n  + {line}"));
            }
            text
        }
        (Outcome::Errors(e), Outcome::Errors(a)) => {
            format!("{name}: both reject, with different codes: Apollo {e:?}, ours {a:?}")
        }
        (Outcome::Errors(e), Outcome::Supergraph(_)) => {
            format!("{name}: Apollo rejects ({e:?}), we compose")
        }
        (Outcome::Supergraph(_), Outcome::Errors(a)) => {
            format!("{name}: Apollo composes, we reject ({a:?})")
        }
    }
}
