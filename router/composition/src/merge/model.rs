//! The merged supergraph, before printing.

use apollo_compiler::ast::{Type, Value};
use indexmap::IndexMap;

use crate::diagnostic::Location;
use crate::model::{Applied, TypeKind};

#[derive(Clone, Debug)]
pub struct Graph {
    pub name: String,
    pub url: String,
    /// The `join__Graph` enum value, e.g. `USERS`.
    pub enum_name: String,
}

#[derive(Clone, Debug)]
pub struct JoinType {
    pub graph: usize,
    pub key: Option<String>,
    pub extension: bool,
    pub resolvable: Option<bool>,
    pub interface_object: bool,
}

#[derive(Clone, Debug, Default)]
pub struct JoinField {
    /// `None` for a bare `@join__field` (a field only an `@interfaceObject` resolves).
    pub graph: Option<usize>,
    pub requires: Option<String>,
    pub provides: Option<String>,
    pub override_from: Option<String>,
    pub ty: Option<String>,
    pub external: bool,
    pub used_overridden: bool,
    pub override_label: Option<String>,
}

#[derive(Clone, Debug)]
pub struct MergedArg {
    pub name: String,
    pub description: Option<String>,
    pub ty: Type,
    pub default: Option<Value>,
    pub applied: Applied,
    pub locations: Vec<Location>,
}

#[derive(Clone, Debug)]
pub struct MergedField {
    pub name: String,
    pub description: Option<String>,
    pub ty: Type,
    pub args: IndexMap<String, MergedArg>,
    /// Empty: no `@join__field` needed (every graph of the type resolves the field).
    pub join: Vec<JoinField>,
    pub applied: Applied,
    /// Input fields only.
    pub default: Option<Value>,
    pub locations: Vec<Location>,
}

#[derive(Clone, Debug)]
pub struct MergedValue {
    pub name: String,
    pub description: Option<String>,
    pub graphs: Vec<usize>,
    pub applied: Applied,
}

#[derive(Clone, Debug)]
pub struct MergedType {
    pub name: String,
    pub kind: TypeKind,
    pub description: Option<String>,
    pub join_types: Vec<JoinType>,
    pub implements: Vec<String>,
    pub join_implements: Vec<(usize, String)>,
    pub members: Vec<String>,
    pub join_members: Vec<(usize, String)>,
    pub fields: IndexMap<String, MergedField>,
    pub values: IndexMap<String, MergedValue>,
    pub applied: Applied,
    pub locations: Vec<Location>,
}

#[derive(Clone, Debug)]
pub struct MergedSchema {
    pub graphs: Vec<Graph>,
    pub types: IndexMap<String, MergedType>,
    pub roots: Vec<String>,
}

impl MergedSchema {
    pub fn uses_inaccessible(&self) -> bool {
        self.types.values().any(|t| {
            t.applied.inaccessible
                || t.fields.values().any(|f| {
                    f.applied.inaccessible || f.args.values().any(|a| a.applied.inaccessible)
                })
                || t.values.values().any(|v| v.applied.inaccessible)
        })
    }

    /// Every access requirement in the schema (types and fields; nothing else may have one).
    pub fn access_requirements(&self) -> impl Iterator<Item = &crate::model::Access> {
        self.types.values().flat_map(|t| {
            std::iter::once(&t.applied.access).chain(t.fields.values().map(|f| &f.applied.access))
        })
    }

    pub fn uses_tag(&self) -> bool {
        self.types.values().any(|t| {
            !t.applied.tags.is_empty()
                || t.fields.values().any(|f| {
                    !f.applied.tags.is_empty()
                        || f.args.values().any(|a| !a.applied.tags.is_empty())
                })
                || t.values.values().any(|v| !v.applied.tags.is_empty())
        })
    }
}
