//! SDL → [`Subgraph`]: resolves `@link` imports (renamed, namespaced or Federation 1 bare
//! names), strips what federation libraries add (`_Service`, `_entities`, `FieldSet`...),
//! and normalizes root type names.

use std::collections::{HashMap, HashSet};

use apollo_compiler::ast::{self, Definition, DirectiveList, OperationType, Type, Value};
use apollo_compiler::parser::SourceMap;
use apollo_compiler::{Name, Node};
use indexmap::IndexMap;

use crate::SubgraphSdl;
use crate::diagnostic::{Diagnostic, Location};
use crate::link::{Fed, federation_names, federation_url};
use crate::model::{
    Applied, EnumValue, Field, FieldSetArg, InputValue, Key, Override, Subgraph, TypeDef, TypeKind,
};

/// Types and root fields that federation libraries add to a subgraph's SDL.
const PLUMBING_TYPES: &[&str] = &[
    "_Service",
    "_Any",
    "_Entity",
    "_FieldSet",
    "FieldSet",
    "link__Import",
    "link__Purpose",
];

struct Ctx<'a> {
    name: &'a str,
    sources: &'a SourceMap,
    directives: HashMap<String, Fed>,
    renames: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
    /// See [`Subgraph::carried_names`].
    carried_names: Vec<(&'static str, String, Option<Location>)>,
    /// Directives the subgraph defines itself (`directive @x ... on ...`).
    defined_directives: HashSet<String>,
}

/// Directives every GraphQL schema has.
const BUILT_IN_DIRECTIVES: &[&str] = &["deprecated", "specifiedBy", "oneOf", "skip", "include"];

impl Ctx<'_> {
    fn loc_of_name(&self, name: &Name) -> Option<Location> {
        let range = name.line_column_range(self.sources)?;
        Some(Location {
            subgraph: self.name.to_string(),
            line: range.start.line,
            column: range.start.column,
        })
    }

    fn loc_of<T>(&self, node: &Node<T>) -> Option<Location> {
        let range = node.line_column_range(self.sources)?;
        Some(Location {
            subgraph: self.name.to_string(),
            line: range.start.line,
            column: range.start.column,
        })
    }

    fn fed(&self, name: &str) -> Option<Fed> {
        self.directives.get(name).copied()
    }

    fn rename(&self, name: &str) -> String {
        self.renames
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    fn rename_type(&self, ty: &Type) -> Type {
        let n =
            |name: &Name| Name::new(&self.rename(name.as_str())).unwrap_or_else(|_| name.clone());
        match ty {
            Type::Named(name) => Type::Named(n(name)),
            Type::NonNullNamed(name) => Type::NonNullNamed(n(name)),
            Type::List(inner) => Type::List(Box::new(self.rename_type(inner))),
            Type::NonNullList(inner) => Type::NonNullList(Box::new(self.rename_type(inner))),
        }
    }
}

/// Parses and normalizes one subgraph. Errors are returned as diagnostics.
pub fn parse_subgraph(input: &SubgraphSdl) -> Result<Subgraph, Vec<Diagnostic>> {
    let document = match ast::Document::parse(input.sdl.as_str(), format!("{}.graphql", input.name))
    {
        Ok(document) => document,
        Err(with_errors) => {
            let diagnostics = with_errors
                .errors
                .iter()
                .map(|d| {
                    let location = d.line_column_range().map(|r| Location {
                        subgraph: input.name.clone(),
                        line: r.start.line,
                        column: r.start.column,
                    });
                    Diagnostic::new("INVALID_GRAPHQL", format!("[{}] {}", input.name, d.error))
                        .at(location)
                })
                .collect();
            return Err(diagnostics);
        }
    };

    let schema_directives: Vec<&Node<ast::Directive>> = document
        .definitions
        .iter()
        .flat_map(|d| match d {
            Definition::SchemaDefinition(s) => s.directives.iter().collect::<Vec<_>>(),
            Definition::SchemaExtension(s) => s.directives.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    let (fed2, directives) = federation_names(&schema_directives);
    let link_url = federation_url(&schema_directives);

    // Root operation types, from `schema { }` or by default name.
    let mut roots: HashMap<OperationType, String> = HashMap::new();
    for definition in &document.definitions {
        let ops = match definition {
            Definition::SchemaDefinition(s) => &s.root_operations,
            Definition::SchemaExtension(s) => &s.root_operations,
            _ => continue,
        };
        for op in ops {
            roots.insert(op.0, op.1.to_string());
        }
    }
    let mut renames = HashMap::new();
    for (op, default) in [
        (OperationType::Query, "Query"),
        (OperationType::Mutation, "Mutation"),
        (OperationType::Subscription, "Subscription"),
    ] {
        if let Some(name) = roots.get(&op)
            && name != default
        {
            renames.insert(name.clone(), default.to_string());
        }
    }

    // A renamed root type may not leave another type under the default name.
    let mut root_errors = Vec::new();
    for (root, default, code) in [
        (OperationType::Query, "Query", "ROOT_QUERY_USED"),
        (OperationType::Mutation, "Mutation", "ROOT_MUTATION_USED"),
        (
            OperationType::Subscription,
            "Subscription",
            "ROOT_SUBSCRIPTION_USED",
        ),
    ] {
        let Some(actual) = roots.get(&root).filter(|n| *n != default) else {
            continue;
        };
        let clash = document.definitions.iter().find_map(|d| match d {
            Definition::ObjectTypeDefinition(t) if t.name == default => Some(&t.name),
            Definition::InterfaceTypeDefinition(t) if t.name == default => Some(&t.name),
            Definition::UnionTypeDefinition(t) if t.name == default => Some(&t.name),
            Definition::EnumTypeDefinition(t) if t.name == default => Some(&t.name),
            Definition::InputObjectTypeDefinition(t) if t.name == default => Some(&t.name),
            Definition::ScalarTypeDefinition(t) if t.name == default => Some(&t.name),
            _ => None,
        });
        if let Some(clash) = clash {
            let which = default.to_lowercase();
            let location = clash
                .line_column_range(&document.sources)
                .map(|r| Location {
                    subgraph: input.name.clone(),
                    line: r.start.line,
                    column: r.start.column,
                });
            root_errors.push(
                Diagnostic::new(
                    code,
                    format!(
                        "[{}] The schema has a type named \"{default}\" but it is not set as the {which} root type (\"{actual}\" is instead): this is not supported by federation. If a root type does not use its default name, there should be no other type with that default name.",
                        input.name
                    ),
                )
                .at(location),
            );
        }
    }
    if !root_errors.is_empty() {
        return Err(root_errors);
    }

    let mut ctx = Ctx {
        name: &input.name,
        sources: &document.sources,
        directives,
        renames,
        diagnostics: Vec::new(),
        carried_names: Vec::new(),
        defined_directives: document
            .definitions
            .iter()
            .filter_map(|d| match d {
                Definition::DirectiveDefinition(d) => Some(d.name.to_string()),
                _ => None,
            })
            .collect(),
    };

    // Schema-level federation directives: only `@link` is understood.
    for directive in &schema_directives {
        if let Some(Fed::Unsupported(name)) = ctx.fed(directive.name.as_str()) {
            let location = ctx.loc_of(directive);
            ctx.diagnostics.push(
                Diagnostic::new(
                    "UNSUPPORTED_FEATURE",
                    format!(
                        "[{}] @{name} (applied as @{}) is not supported by this composition yet; remove it or compose with Apollo's tooling",
                        input.name, directive.name
                    ),
                )
                .at(location),
            );
        }
    }

    let mut types: IndexMap<String, TypeDef> = IndexMap::new();
    let mut kinds_seen: HashMap<String, TypeKind> = HashMap::new();
    let mut defined: HashSet<String> = HashSet::new();
    for definition in &document.definitions {
        let (name, kind, is_extension) = match definition {
            Definition::ObjectTypeDefinition(d) => (&d.name, TypeKind::Object, false),
            Definition::ObjectTypeExtension(d) => (&d.name, TypeKind::Object, true),
            Definition::InterfaceTypeDefinition(d) => (&d.name, TypeKind::Interface, false),
            Definition::InterfaceTypeExtension(d) => (&d.name, TypeKind::Interface, true),
            Definition::UnionTypeDefinition(d) => (&d.name, TypeKind::Union, false),
            Definition::UnionTypeExtension(d) => (&d.name, TypeKind::Union, true),
            Definition::EnumTypeDefinition(d) => (&d.name, TypeKind::Enum, false),
            Definition::EnumTypeExtension(d) => (&d.name, TypeKind::Enum, true),
            Definition::InputObjectTypeDefinition(d) => (&d.name, TypeKind::InputObject, false),
            Definition::InputObjectTypeExtension(d) => (&d.name, TypeKind::InputObject, true),
            Definition::ScalarTypeDefinition(d) => (&d.name, TypeKind::Scalar, false),
            Definition::ScalarTypeExtension(d) => (&d.name, TypeKind::Scalar, true),
            _ => continue,
        };
        if is_plumbing_type(name.as_str()) {
            continue;
        }
        if let Some(previous) = kinds_seen.get(name.as_str())
            && *previous != kind
        {
            let location = ctx.loc_of_name(name);
            ctx.diagnostics.push(
                Diagnostic::new(
                    "INVALID_GRAPHQL",
                    format!(
                        "[{}] Type \"{}\" is defined both as {} and as {}",
                        input.name,
                        name,
                        previous.describe(),
                        kind.describe()
                    ),
                )
                .at(location),
            );
            continue;
        }
        kinds_seen.insert(name.to_string(), kind);
        if !is_extension && !defined.insert(name.to_string()) {
            // Spec (Schema, "All types within a GraphQL schema must have unique names"): a
            // second definition is an error, not a silent merge; `extend` adds to a type.
            let location = ctx.loc_of_name(name);
            ctx.diagnostics.push(
                Diagnostic::new(
                    "INVALID_GRAPHQL",
                    format!(
                        "[{}] There can be only one type named \"{name}\"",
                        input.name
                    ),
                )
                .at(location),
            );
            continue;
        }
        let type_name = ctx.rename(name.as_str());
        let location = ctx.loc_of_name(name);
        let ty = types
            .entry(type_name.clone())
            .or_insert_with(|| TypeDef::new(&type_name, kind, location.clone()));
        if !is_extension {
            // A definition's location is more useful than an extension's.
            ty.location = location;
            ty.has_definition = true;
        }
        match definition {
            Definition::ObjectTypeDefinition(d) => {
                fill_description(ty, &d.description);
                fill_type_directives(&mut ctx, ty, &d.directives, false);
                fill_fields(&mut ctx, ty, &d.fields, &d.implements_interfaces, false);
            }
            Definition::ObjectTypeExtension(d) => {
                fill_type_directives(&mut ctx, ty, &d.directives, true);
                fill_fields(&mut ctx, ty, &d.fields, &d.implements_interfaces, true);
            }
            Definition::InterfaceTypeDefinition(d) => {
                fill_description(ty, &d.description);
                fill_type_directives(&mut ctx, ty, &d.directives, false);
                fill_fields(&mut ctx, ty, &d.fields, &d.implements_interfaces, false);
            }
            Definition::InterfaceTypeExtension(d) => {
                fill_type_directives(&mut ctx, ty, &d.directives, true);
                fill_fields(&mut ctx, ty, &d.fields, &d.implements_interfaces, true);
            }
            Definition::UnionTypeDefinition(d) => {
                fill_description(ty, &d.description);
                fill_type_directives(&mut ctx, ty, &d.directives, false);
                for member in &d.members {
                    let member = ctx.rename(member.as_str());
                    if !ty.members.contains(&member) {
                        ty.members.push(member);
                    }
                }
            }
            Definition::UnionTypeExtension(d) => {
                fill_type_directives(&mut ctx, ty, &d.directives, true);
                for member in &d.members {
                    let member = ctx.rename(member.as_str());
                    if !ty.members.contains(&member) {
                        ty.members.push(member);
                    }
                }
            }
            Definition::EnumTypeDefinition(d) => {
                fill_description(ty, &d.description);
                fill_type_directives(&mut ctx, ty, &d.directives, false);
                fill_enum_values(&mut ctx, ty, &d.values);
            }
            Definition::EnumTypeExtension(d) => {
                fill_type_directives(&mut ctx, ty, &d.directives, true);
                fill_enum_values(&mut ctx, ty, &d.values);
            }
            Definition::InputObjectTypeDefinition(d) => {
                fill_description(ty, &d.description);
                fill_type_directives(&mut ctx, ty, &d.directives, false);
                for field in &d.fields {
                    let value = input_value(&mut ctx, field);
                    ty.input_fields.insert(value.name.clone(), value);
                }
            }
            Definition::InputObjectTypeExtension(d) => {
                fill_type_directives(&mut ctx, ty, &d.directives, true);
                for field in &d.fields {
                    let value = input_value(&mut ctx, field);
                    ty.input_fields.insert(value.name.clone(), value);
                }
            }
            Definition::ScalarTypeDefinition(d) => {
                fill_description(ty, &d.description);
                fill_type_directives(&mut ctx, ty, &d.directives, false);
            }
            Definition::ScalarTypeExtension(d) => {
                fill_type_directives(&mut ctx, ty, &d.directives, true);
            }
            _ => {}
        }
    }

    // `_service` and `_entities` are added by federation libraries, not by the service team.
    if let Some(query) = types.get_mut("Query") {
        query.fields.shift_remove("_service");
        query.fields.shift_remove("_entities");
    }
    // Every federation subgraph has a query root (its `_entities` and `_service` live there),
    // so, as in Apollo's supergraphs, each subgraph gets `@join__type` on `Query` even when it
    // declares no query field of its own.
    if !types.contains_key("Query") {
        let mut query = TypeDef::new("Query", TypeKind::Object, None);
        query.has_definition = true;
        types.insert("Query".to_string(), query);
    }

    // `@shareable` on a type covers the fields of its definition, or of its extensions,
    // whichever it was applied on (Apollo's rule).
    for ty in types.values_mut() {
        let (on_definition, on_extension) = (ty.shareable, ty.shareable_extension);
        for field in ty.fields.values_mut() {
            if (field.in_extension && on_extension) || (!field.in_extension && on_definition) {
                field.shareable = true;
            }
        }
    }
    resolve_externals(&mut types, fed2);
    if !fed2 {
        upgrade_fed1(&mut types);
    }
    let key_fields = crate::targets::key_fields(&types);
    let provided_fields = crate::targets::provided_fields(&types);

    check_references(&mut ctx, &types);
    let misused = crate::access::check_usage(ctx.name, &types);
    ctx.diagnostics.extend(misused);
    check_reserved_names(&mut ctx, &types);
    check_empty_types(&mut ctx, &types);

    if !ctx.diagnostics.is_empty() {
        return Err(ctx.diagnostics);
    }
    Ok(Subgraph {
        name: input.name.clone(),
        url: input.url.clone(),
        fed2,
        types,
        key_fields,
        provided_fields,
        link_url,
        carried_names: ctx.carried_names,
    })
}

fn is_plumbing_type(name: &str) -> bool {
    PLUMBING_TYPES.contains(&name) || name.starts_with("federation__") || name.starts_with("link__")
}

fn fill_description(ty: &mut TypeDef, description: &Option<Node<str>>) {
    if let Some(d) = description {
        ty.description = Some(d.to_string());
    }
}

fn string_arg(directive: &ast::Directive, name: &str) -> Option<String> {
    directive
        .specified_argument_by_name(name)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn bool_arg(directive: &ast::Directive, name: &str) -> Option<bool> {
    match directive
        .specified_argument_by_name(name)
        .map(|v| v.as_ref())
    {
        Some(Value::Boolean(b)) => Some(*b),
        _ => None,
    }
}

/// Directives that are carried through as-is: `@inaccessible`, `@tag`, `@deprecated`.
fn applied(ctx: &mut Ctx<'_>, directives: &DirectiveList) -> Applied {
    let mut out = Applied::default();
    for d in directives.iter() {
        let carried = match ctx.fed(d.name.as_str()) {
            Some(Fed::Inaccessible) => Some("inaccessible"),
            Some(Fed::Tag) => Some("tag"),
            Some(Fed::Authenticated) => Some("authenticated"),
            Some(Fed::RequiresScopes) => Some("requiresScopes"),
            Some(Fed::Policy) => Some("policy"),
            _ => None,
        };
        if ctx.fed(d.name.as_str()).is_none()
            && !BUILT_IN_DIRECTIVES.contains(&d.name.as_str())
            && !ctx.defined_directives.contains(d.name.as_str())
        {
            // Spec (Validation, "Directives Are Defined"); a federation directive that was
            // imported is not also known by its `federation__` name.
            let location = ctx.loc_of(d);
            ctx.diagnostics.push(
                Diagnostic::new(
                    "INVALID_GRAPHQL",
                    format!("[{}] Unknown directive \"@{}\".", ctx.name, d.name),
                )
                .at(location),
            );
        }
        if let Some(spec) = carried
            && !ctx.carried_names.iter().any(|(s, _, _)| *s == spec)
        {
            let location = ctx.loc_of(d);
            ctx.carried_names.push((spec, d.name.to_string(), location));
        }
        match ctx.fed(d.name.as_str()) {
            Some(Fed::Unsupported(name)) => {
                let location = ctx.loc_of(d);
                ctx.diagnostics.push(
                    Diagnostic::new(
                        "UNSUPPORTED_FEATURE",
                        format!(
                            "[{}] @{name} (applied as @{}) is not supported by this composition yet; remove it or compose with Apollo's tooling",
                            ctx.name, d.name
                        ),
                    )
                    .at(location),
                );
            }
            Some(Fed::Inaccessible) => out.inaccessible = true,
            Some(Fed::Authenticated) => out.access.authenticated = true,
            Some(Fed::RequiresScopes) => {
                out.access.scopes = dnf_arg(ctx, d, "requiresScopes", "scopes");
            }
            Some(Fed::Policy) => {
                out.access.policies = dnf_arg(ctx, d, "policy", "policies");
            }
            Some(Fed::Tag) => {
                if let Some(name) = string_arg(d, "name")
                    && !out.tags.contains(&name)
                {
                    out.tags.push(name);
                }
            }
            _ if d.name == "specifiedBy" => out.specified_by = string_arg(d, "url"),
            _ if d.name == "deprecated" => {
                out.deprecated_first = out.tags.is_empty();
                out.deprecated = Some(string_arg(d, "reason"));
            }
            _ => {}
        }
    }
    out
}

/// A `[[String!]!]!` argument (`@requiresScopes(scopes:)`, `@policy(policies:)`).
fn dnf_arg(
    ctx: &mut Ctx<'_>,
    directive: &Node<ast::Directive>,
    spec_name: &str,
    argument: &str,
) -> Option<Vec<Vec<String>>> {
    let parsed = directive
        .specified_argument_by_name(argument)
        .and_then(|v| v.as_list())
        .and_then(|outer| {
            outer
                .iter()
                .map(|inner| {
                    inner
                        .as_list()?
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<Vec<String>>>()
                })
                .collect::<Option<Vec<Vec<String>>>>()
        });
    if parsed.is_none() {
        let location = ctx.loc_of(directive);
        ctx.diagnostics.push(
            Diagnostic::new(
                "INVALID_GRAPHQL",
                format!(
                    "[{}] @{spec_name}(applied as @{}): the \"{argument}\" argument must be a list of lists of strings",
                    ctx.name, directive.name
                ),
            )
            .at(location),
        );
    }
    parsed
}

fn fill_type_directives(
    ctx: &mut Ctx<'_>,
    ty: &mut TypeDef,
    directives: &DirectiveList,
    is_extension: bool,
) {
    let more = applied(ctx, directives);
    ty.applied.inaccessible |= more.inaccessible;
    // A type's definition and its extensions each add their requirements.
    ty.applied.access = crate::merge::auth::combine([&ty.applied.access, &more.access]);
    if more.specified_by.is_some() {
        ty.applied.specified_by = more.specified_by;
    }
    for tag in more.tags {
        if !ty.applied.tags.contains(&tag) {
            ty.applied.tags.push(tag);
        }
    }
    let has_extends = directives
        .iter()
        .any(|d| ctx.fed(d.name.as_str()) == Some(Fed::Extends));
    for d in directives.iter() {
        match ctx.fed(d.name.as_str()) {
            Some(Fed::Key) => {
                let Some(fields) = string_arg(d, "fields") else {
                    let location = ctx.loc_of(d);
                    ctx.diagnostics.push(
                        Diagnostic::new(
                            "KEY_INVALID_FIELDS_TYPE",
                            format!(
                                "[{}] On type \"{}\", for @key: the \"fields\" argument must be a string",
                                ctx.name, ty.name
                            ),
                        )
                        .at(location),
                    );
                    continue;
                };
                ty.keys.push(Key {
                    fields,
                    resolvable: bool_arg(d, "resolvable"),
                    extension: is_extension || has_extends,
                    location: ctx.loc_of(d),
                });
            }
            Some(Fed::Shareable) if is_extension => ty.shareable_extension = true,
            Some(Fed::Shareable) => ty.shareable = true,
            Some(Fed::External) => ty.external = true,
            Some(Fed::InterfaceObject) => ty.interface_object = true,
            Some(Fed::Extends) => {
                for key in &mut ty.keys {
                    key.extension = true;
                }
            }
            _ => {}
        }
    }
}

fn fill_fields(
    ctx: &mut Ctx<'_>,
    ty: &mut TypeDef,
    fields: &[Node<ast::FieldDefinition>],
    implements: &[Name],
    is_extension: bool,
) {
    for interface in implements {
        let interface = ctx.rename(interface.as_str());
        if !ty.implements.contains(&interface) {
            ty.implements.push(interface);
        }
    }
    for field in fields {
        let mut args = IndexMap::new();
        for arg in &field.arguments {
            let value = input_value(ctx, arg);
            args.insert(value.name.clone(), value);
        }
        let mut out = Field {
            name: field.name.to_string(),
            description: field.description.as_ref().map(|d| d.to_string()),
            ty: ctx.rename_type(&field.ty),
            args,
            applied: applied(ctx, &field.directives),
            external: false,
            fake_external: false,
            shareable: false,
            in_extension: is_extension,
            requires: None,
            provides: None,
            overrides: None,
            location: ctx.loc_of_name(&field.name),
        };
        for d in field.directives.iter() {
            match ctx.fed(d.name.as_str()) {
                Some(Fed::External) => out.external = true,
                Some(Fed::Shareable) if ty.kind == TypeKind::Interface => {
                    let location = ctx.loc_of(d);
                    ctx.diagnostics.push(
                        Diagnostic::new(
                            "INVALID_SHAREABLE_USAGE",
                            format!(
                                "[{}] Invalid use of @shareable on field \"{}.{}\": only object type fields can be marked with @shareable",
                                ctx.name, ty.name, out.name
                            ),
                        )
                        .at(location),
                    );
                }
                Some(Fed::Shareable) => out.shareable = true,
                Some(Fed::Requires) => {
                    out.requires = string_arg(d, "fields").map(|fields| FieldSetArg {
                        fields,
                        location: ctx.loc_of(d),
                    });
                }
                Some(Fed::Provides) => {
                    out.provides = string_arg(d, "fields").map(|fields| FieldSetArg {
                        fields,
                        location: ctx.loc_of(d),
                    });
                }
                Some(Fed::Override) => {
                    out.overrides = string_arg(d, "from").map(|from| Override {
                        from,
                        label: string_arg(d, "label"),
                        location: ctx.loc_of(d),
                    });
                }
                _ => {}
            }
        }
        ty.fields.insert(out.name.clone(), out);
    }
}

fn fill_enum_values(
    ctx: &mut Ctx<'_>,
    ty: &mut TypeDef,
    values: &[Node<ast::EnumValueDefinition>],
) {
    for value in values {
        ty.values.insert(
            value.value.to_string(),
            EnumValue {
                description: value.description.as_ref().map(|d| d.to_string()),
                applied: applied(ctx, &value.directives),
                location: ctx.loc_of_name(&value.value),
            },
        );
    }
}

fn input_value(ctx: &mut Ctx<'_>, value: &Node<ast::InputValueDefinition>) -> InputValue {
    InputValue {
        name: value.name.to_string(),
        description: value.description.as_ref().map(|d| d.to_string()),
        ty: ctx.rename_type(&value.ty),
        default: value.default_value.as_ref().map(|v| v.as_ref().clone()),
        applied: applied(ctx, &value.directives),
        location: ctx.loc_of_name(&value.name),
    }
}

/// Which fields are effectively `@external`, as Apollo's `ExternalTester` decides, for
/// Federation 1 and 2 alike: `@external` on an object type (Federation 2 only; the Federation 1
/// upgrade drops it) makes every field of the type external, and a field marked `@external`
/// that a `@key` of an `extend type` (or of a type with `@extends`) selects, at any depth, is
/// not external at all (a "fake external", kept for Federation 1 compatibility). In
/// Federation 1, `@external` on interface fields is dropped too (Federation 2 rejects it).
fn resolve_externals(types: &mut IndexMap<String, TypeDef>, fed2: bool) {
    for ty in types.values_mut() {
        if fed2 && ty.external && ty.kind == TypeKind::Object {
            for field in ty.fields.values_mut() {
                field.external = true;
            }
        }
        if !fed2 && ty.kind == TypeKind::Interface {
            for field in ty.fields.values_mut() {
                field.external = false;
            }
        }
    }
    let mut fake: HashSet<crate::model::Coordinate> = HashSet::new();
    for ty in types.values() {
        for key in ty.keys.iter().filter(|k| k.extension) {
            fake.extend(crate::targets::collect(types, &ty.name, &key.fields, false));
        }
    }
    for (type_name, field_name) in fake {
        if let Some(field) = types
            .get_mut(&type_name)
            .and_then(|t| t.fields.get_mut(&field_name))
            && field.external
        {
            field.external = false;
            field.fake_external = true;
        }
    }
}

/// Federation 1 semantics, as Apollo's upgrade of Fed 1 subgraphs applies them: every field
/// of an object type (root types included, `Subscription` excepted) may be resolved by
/// several subgraphs (`SHAREABLE_FIELD_ADDITION`), and object and interface type extensions
/// become definitions (`TYPE_EXTENSION_REMOVAL`), so no `extension: true` reaches the
/// supergraph for them.
fn upgrade_fed1(types: &mut IndexMap<String, TypeDef>) {
    for ty in types.values_mut() {
        if matches!(ty.kind, TypeKind::Object | TypeKind::Interface) {
            for key in &mut ty.keys {
                key.extension = false;
            }
        }
        if ty.kind != TypeKind::Object || ty.name == "Subscription" {
            continue;
        }
        for field in ty.fields.values_mut() {
            field.shareable = true;
        }
    }
}

const BUILT_IN_SCALARS: &[&str] = &["String", "Int", "Float", "Boolean", "ID"];

fn check_references(ctx: &mut Ctx<'_>, types: &IndexMap<String, TypeDef>) {
    let known = |name: &str| BUILT_IN_SCALARS.contains(&name) || types.contains_key(name);
    let mut unknown: Vec<(String, String, Option<Location>)> = Vec::new();
    let mut members: Vec<(String, String, Option<Location>)> = Vec::new();
    for ty in types.values() {
        for field in ty.fields.values() {
            let target = crate::model::named(&field.ty);
            if !known(target) {
                unknown.push((
                    target.to_string(),
                    format!("{}.{}", ty.name, field.name),
                    field.location.clone(),
                ));
            }
            for arg in field.args.values() {
                let target = crate::model::named(&arg.ty);
                if !known(target) {
                    unknown.push((
                        target.to_string(),
                        format!("{}.{}({}:)", ty.name, field.name, arg.name),
                        arg.location.clone(),
                    ));
                }
            }
        }
        for field in ty.input_fields.values() {
            let target = crate::model::named(&field.ty);
            if !known(target) {
                unknown.push((
                    target.to_string(),
                    format!("{}.{}", ty.name, field.name),
                    field.location.clone(),
                ));
            }
        }
        for name in ty.implements.iter() {
            if !known(name) {
                unknown.push((name.clone(), ty.name.clone(), ty.location.clone()));
            }
        }
        for name in ty.members.iter() {
            if !known(name) {
                // Apollo's wording for a union member.
                members.push((name.clone(), ty.name.clone(), ty.location.clone()));
            }
        }
    }
    for (target, _coordinate, location) in unknown {
        ctx.diagnostics.push(
            Diagnostic::new(
                "INVALID_GRAPHQL",
                format!("[{}] Unknown type {}", ctx.name, target),
            )
            .at(location),
        );
    }
    for (member, union, location) in members {
        ctx.diagnostics.push(
            Diagnostic::new(
                "INVALID_GRAPHQL",
                format!(
                    "[{}] Cannot add unknown type {member} as member of union type {union}",
                    ctx.name
                ),
            )
            .at(location),
        );
    }
}

/// Names starting with `__` belong to introspection.
fn check_reserved_names(ctx: &mut Ctx<'_>, types: &IndexMap<String, TypeDef>) {
    let mut reserved: Vec<(String, Option<Location>)> = Vec::new();
    for ty in types.values() {
        if ty.name.starts_with("__") {
            reserved.push((ty.name.clone(), ty.location.clone()));
        }
        for field in ty.fields.values() {
            if field.name.starts_with("__") {
                reserved.push((field.name.clone(), field.location.clone()));
            }
            for arg in field.args.values().filter(|a| a.name.starts_with("__")) {
                reserved.push((arg.name.clone(), arg.location.clone()));
            }
        }
        for field in ty
            .input_fields
            .values()
            .filter(|f| f.name.starts_with("__"))
        {
            reserved.push((field.name.clone(), field.location.clone()));
        }
        for (name, value) in ty.values.iter().filter(|(n, _)| n.starts_with("__")) {
            reserved.push((name.clone(), value.location.clone()));
        }
    }
    for (name, location) in reserved {
        ctx.diagnostics.push(
            Diagnostic::new(
                "INVALID_GRAPHQL",
                format!(
                    "[{}] Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                    ctx.name
                ),
            )
            .at(location),
        );
    }
}

/// Spec (Type Validation): objects, interfaces and input objects define at least one field,
/// unions at least one member, enums at least one value, once a subgraph's definitions and
/// extensions of the type are taken together. (A root type left empty by removing the
/// federation fields was dropped before.)
fn check_empty_types(ctx: &mut Ctx<'_>, types: &IndexMap<String, TypeDef>) {
    for ty in types.values() {
        let message = match ty.kind {
            TypeKind::Object | TypeKind::Interface
                if ty.fields.is_empty() && ty.name != "Query" =>
            {
                format!("Type {} must define one or more fields.", ty.name)
            }
            TypeKind::InputObject if ty.input_fields.is_empty() => {
                format!(
                    "Input Object type {} must define one or more fields.",
                    ty.name
                )
            }
            TypeKind::Union if ty.members.is_empty() => {
                format!(
                    "Union type {} must define one or more member types.",
                    ty.name
                )
            }
            TypeKind::Enum if ty.values.is_empty() => {
                format!("Enum type {} must define one or more values.", ty.name)
            }
            _ => continue,
        };
        ctx.diagnostics.push(
            Diagnostic::new("INVALID_GRAPHQL", format!("[{}] {message}", ctx.name))
                .at(ty.location.clone()),
        );
    }
}
