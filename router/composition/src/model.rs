//! One subgraph, normalized: federation directives resolved to their canonical meaning
//! (whatever the subgraph imported or renamed), federation plumbing stripped, root types
//! renamed to `Query`/`Mutation`/`Subscription`.

use apollo_compiler::ast::{Type, Value};
use std::collections::HashSet;

use indexmap::IndexMap;

use crate::diagnostic::Location;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    Scalar,
}

impl TypeKind {
    /// The words Apollo uses in TYPE_KIND_MISMATCH messages.
    pub fn describe(self) -> &'static str {
        match self {
            TypeKind::Object => "Object Type",
            TypeKind::Interface => "Interface Type",
            TypeKind::Union => "Union Type",
            TypeKind::Enum => "Enum Type",
            TypeKind::InputObject => "Input Object Type",
            TypeKind::Scalar => "Scalar Type",
        }
    }
}

/// Directives that are carried to the supergraph as they are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    pub inaccessible: bool,
    pub tags: Vec<String>,
    /// `Some(reason)` when `@deprecated` is applied (`reason` as written, if any).
    pub deprecated: Option<Option<String>>,
    /// `@tag` and `@deprecated` print in the order they first appear, as Apollo merges them.
    pub deprecated_first: bool,
    /// `@specifiedBy(url:)` on scalars.
    pub specified_by: Option<String>,
    /// Access control: `@authenticated`, and the `@requiresScopes(scopes:)` /
    /// `@policy(policies:)` requirements in disjunctive normal form (any inner list suffices,
    /// every entry of it is needed).
    pub access: Access,
}

/// What the router must check before resolving an element.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Access {
    pub authenticated: bool,
    pub scopes: Option<Vec<Vec<String>>>,
    pub policies: Option<Vec<Vec<String>>>,
}

impl Access {
    /// The directive names applied, for messages.
    pub fn names(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.authenticated {
            out.push("authenticated");
        }
        if self.scopes.is_some() {
            out.push("requiresScopes");
        }
        if self.policies.is_some() {
            out.push("policy");
        }
        out
    }
}

#[derive(Clone, Debug)]
pub struct Key {
    pub fields: String,
    pub resolvable: Option<bool>,
    /// The key was written on an `extend type` (or the type has `@extends`).
    pub extension: bool,
    pub location: Option<Location>,
}

#[derive(Clone, Debug)]
pub struct Override {
    pub from: String,
    pub label: Option<String>,
    pub location: Option<Location>,
}

#[derive(Clone, Debug)]
pub struct FieldSetArg {
    pub fields: String,
    pub location: Option<Location>,
}

#[derive(Clone, Debug)]
pub struct InputValue {
    pub name: String,
    pub description: Option<String>,
    pub ty: Type,
    pub default: Option<Value>,
    pub applied: Applied,
    pub location: Option<Location>,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub description: Option<String>,
    pub ty: Type,
    pub args: IndexMap<String, InputValue>,
    pub applied: Applied,
    /// Effectively external: `@external` on the field or (Federation 2) on its type, unless
    /// the field is a key field of a type extension (see `fake_external`).
    pub external: bool,
    /// Marked `@external` but selected by a `@key` of an `extend type` (or a type with
    /// `@extends`): resolvable by this subgraph, as in Federation 1, Apollo's "fake external".
    pub fake_external: bool,
    pub shareable: bool,
    /// Declared in an `extend type` (not the definition).
    pub in_extension: bool,
    pub requires: Option<FieldSetArg>,
    pub provides: Option<FieldSetArg>,
    pub overrides: Option<Override>,
    pub location: Option<Location>,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub description: Option<String>,
    pub applied: Applied,
    pub location: Option<Location>,
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    pub description: Option<String>,
    pub applied: Applied,
    pub keys: Vec<Key>,
    /// `@shareable` on the type's definition / on one of its extensions.
    pub shareable: bool,
    pub shareable_extension: bool,
    /// `@external` on the type itself: every field of it is external (Federation 2).
    pub external: bool,
    pub interface_object: bool,
    pub implements: Vec<String>,
    pub fields: IndexMap<String, Field>,
    pub input_fields: IndexMap<String, InputValue>,
    pub members: Vec<String>,
    pub values: IndexMap<String, EnumValue>,
    pub location: Option<Location>,
    /// Declared at least once without `extend`.
    pub has_definition: bool,
}

impl TypeDef {
    pub fn new(name: &str, kind: TypeKind, location: Option<Location>) -> Self {
        Self {
            name: name.to_string(),
            kind,
            description: None,
            applied: Applied::default(),
            keys: Vec::new(),
            shareable: false,
            shareable_extension: false,
            external: false,
            interface_object: false,
            implements: Vec::new(),
            fields: IndexMap::new(),
            input_fields: IndexMap::new(),
            members: Vec::new(),
            values: IndexMap::new(),
            location,
            has_definition: false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Subgraph {
    pub name: String,
    pub url: String,
    /// `false` for Federation 1 subgraphs (no federation `@link`).
    pub fed2: bool,
    pub types: IndexMap<String, TypeDef>,
    /// Fields selected by a `@key`, at any depth (implicitly shareable).
    pub key_fields: HashSet<Coordinate>,
    /// Fields selected by a `@provides`, at any depth.
    pub provided_fields: HashSet<Coordinate>,
    /// The federation `@link` URL (Federation 2 subgraphs).
    pub link_url: Option<String>,
    /// Directives carried to the supergraph (`tag`, `inaccessible`, `authenticated`,
    /// `requiresScopes`, `policy`): spec name, the name this subgraph applies it under, and
    /// where first; all subgraphs must use one name (`LINK_IMPORT_NAME_MISMATCH`).
    pub carried_names: Vec<(&'static str, String, Option<Location>)>,
}

impl Subgraph {
    pub fn field(&self, type_name: &str, field: &str) -> Option<&Field> {
        self.types.get(type_name)?.fields.get(field)
    }

    /// Fields selected by some `@key` of this subgraph (nested selections included, whether
    /// or not the key is resolvable) are implicitly shareable.
    pub fn is_key_field(&self, type_name: &str, field: &str) -> bool {
        self.key_fields
            .contains(&(type_name.to_string(), field.to_string()))
    }

    /// A field that some `@provides` of this subgraph selects, at any depth.
    pub fn is_provided(&self, type_name: &str, field: &str) -> bool {
        self.provided_fields
            .contains(&(type_name.to_string(), field.to_string()))
    }
}

/// A `(type, field)` pair.
pub type Coordinate = (String, String);

/// The named type at the bottom of a type reference.
pub fn named(ty: &Type) -> &str {
    match ty {
        Type::Named(n) | Type::NonNullNamed(n) => n.as_str(),
        Type::List(inner) | Type::NonNullList(inner) => named(inner),
    }
}
