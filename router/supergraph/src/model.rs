//! What each subgraph can resolve, read from the join directives.

use std::collections::HashSet;

use apollo_compiler::Name;
use apollo_compiler::executable::SelectionSet;
use apollo_compiler::schema::Type;
use indexmap::IndexMap;

/// Index of a subgraph in [`crate::Supergraph::subgraphs`].
pub type GraphId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subgraph {
    /// Subgraph name as composed (`@join__graph(name:)`).
    pub name: String,
    /// The `join__Graph` enum value naming it (`USERS`).
    pub enum_value: Name,
    /// `@join__graph(url:)`; the server may override it.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    Interface,
    Union,
    Scalar,
    Enum,
    InputObject,
}

/// A field set (`@key`, `@requires`, `@provides`) as text and as a selection set.
#[derive(Debug, Clone)]
pub struct FieldSet {
    pub text: String,
    pub selection_set: SelectionSet,
}

#[derive(Debug, Clone)]
pub struct Key {
    pub fields: FieldSet,
    /// `false`: the subgraph can refer to the entity by this key but not resolve it.
    pub resolvable: bool,
}

/// A type as one subgraph sees it (`@join__type`).
#[derive(Debug, Clone, Default)]
pub struct TypeInGraph {
    pub keys: Vec<Key>,
    pub extension: bool,
    /// The subgraph declares this interface as an object type (`@interfaceObject`).
    pub interface_object: bool,
    /// Interfaces this type implements in the subgraph (`@join__implements`).
    pub implements: Vec<Name>,
    /// Members of this union in the subgraph (`@join__unionMember`).
    pub union_members: Vec<Name>,
}

/// A field as one subgraph sees it (`@join__field`).
#[derive(Debug, Clone)]
pub struct FieldInGraph {
    /// The field's type in this subgraph (`@join__field(type:)`, else the supergraph type).
    pub ty: Type,
    pub external: bool,
    pub requires: Option<FieldSet>,
    pub provides: Option<FieldSet>,
    /// This subgraph took the field over from the named subgraph.
    pub override_from: Option<String>,
    /// Progressive override label: with `override_from`, resolves here only when the label is
    /// enabled; without it, resolves here only when the label is disabled.
    pub override_label: Option<String>,
    /// Overridden, but still present because another feature (a key) uses it.
    pub used_overridden: bool,
}

impl FieldInGraph {
    /// Whether the subgraph resolves the field for clients, given the enabled override labels.
    pub fn resolves(&self, enabled_labels: &HashSet<String>) -> bool {
        if self.external || self.used_overridden {
            return false;
        }
        match (&self.override_label, &self.override_from) {
            (Some(label), Some(_)) => enabled_labels.contains(label),
            (Some(label), None) => !enabled_labels.contains(label),
            (None, _) => true,
        }
    }

    /// Whether the subgraph can return the field as part of a key: overridden fields still can.
    pub fn resolves_for_key(&self) -> bool {
        !self.external
    }
}

#[derive(Debug, Clone)]
pub struct FieldMeta {
    pub name: Name,
    /// Supergraph type of the field.
    pub ty: Type,
    /// The subgraphs that define the field, with their view of it.
    pub graphs: IndexMap<GraphId, FieldInGraph>,
}

#[derive(Debug, Clone)]
pub struct TypeMeta {
    pub name: Name,
    pub kind: TypeKind,
    pub graphs: IndexMap<GraphId, TypeInGraph>,
    /// Fields of object and interface types.
    pub fields: IndexMap<Name, FieldMeta>,
}

impl TypeMeta {
    pub fn is_abstract(&self) -> bool {
        matches!(self.kind, TypeKind::Interface | TypeKind::Union)
    }

    pub fn is_composite(&self) -> bool {
        matches!(
            self.kind,
            TypeKind::Object | TypeKind::Interface | TypeKind::Union
        )
    }
}
