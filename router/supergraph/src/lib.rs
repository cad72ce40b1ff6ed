//! The supergraph model: loads a Federation supergraph SDL (join v0.1 to v0.5), extracts what
//! each subgraph resolves, and derives the API schema clients see.

mod access;
mod api_schema;
mod error;
mod extract;
mod link;
mod model;

use apollo_compiler::validation::Valid;
use apollo_compiler::{Name, Schema};
use indexmap::IndexMap;

pub use access::{AccessControl, Requirements};
pub use apollo_compiler;
pub use error::{Diagnostic, InvalidArgument, InvalidFieldSet, Location, SupergraphError};
pub use link::{LinkedSpec, Links, Version};
pub use model::{
    FieldInGraph, FieldMeta, FieldSet, GraphId, Key, Subgraph, TypeInGraph, TypeKind, TypeMeta,
};

/// A loaded supergraph.
#[derive(Debug, Clone)]
pub struct Supergraph {
    /// The full supergraph schema, machinery included.
    pub schema: Valid<Schema>,
    /// The schema clients see.
    pub api_schema: Valid<Schema>,
    pub subgraphs: Vec<Subgraph>,
    pub join_version: Version,
    pub links: Links,
    pub types: IndexMap<Name, TypeMeta>,
    /// `@authenticated`, `@requiresScopes` and `@policy` requirements per type and field.
    pub access: AccessControl,
}

impl Supergraph {
    /// Parses, validates and reads a supergraph SDL. `path` names the source in locations.
    pub fn parse(sdl: &str, path: &str) -> Result<Self, SupergraphError> {
        let schema = Schema::parse_and_validate(sdl, path).map_err(|errors| {
            SupergraphError::InvalidSchema(error::diagnostics_of(&errors.errors))
        })?;
        let links = link::read_links(&schema)?;
        let extracted = extract::extract(&schema, &links)?;
        let api_schema = api_schema::api_schema(&schema, &links)?;
        let access = access::read(&schema, &links)?;
        Ok(Self {
            schema,
            api_schema,
            subgraphs: extracted.subgraphs,
            join_version: extracted.join_version,
            links,
            types: extracted.types,
            access,
        })
    }

    /// The API schema printed as SDL.
    pub fn api_sdl(&self) -> String {
        self.api_schema.to_string()
    }

    pub fn subgraph(&self, id: GraphId) -> &Subgraph {
        &self.subgraphs[id]
    }

    pub fn subgraph_id(&self, name: &str) -> Option<GraphId> {
        self.subgraphs.iter().position(|s| s.name == name)
    }

    /// Points a subgraph at another URL (the server's configuration wins over the supergraph).
    pub fn set_url(&mut self, name: &str, url: String) -> bool {
        match self.subgraphs.iter_mut().find(|s| s.name == name) {
            Some(subgraph) => {
                subgraph.url = Some(url);
                true
            }
            None => false,
        }
    }

    pub fn type_meta(&self, name: &str) -> Option<&TypeMeta> {
        self.types.get(name)
    }

    pub fn field_meta(&self, type_name: &str, field: &str) -> Option<&FieldMeta> {
        self.types.get(type_name)?.fields.get(field)
    }

    /// Object types a subgraph may return where it returns `abstract_type`.
    pub fn possible_types_in(&self, abstract_type: &str, graph: GraphId) -> Vec<Name> {
        let Some(meta) = self.types.get(abstract_type) else {
            return Vec::new();
        };
        match meta.kind {
            TypeKind::Union => meta
                .graphs
                .get(&graph)
                .map(|g| g.union_members.clone())
                .unwrap_or_default(),
            TypeKind::Interface => self
                .types
                .values()
                .filter(|t| t.kind == TypeKind::Object)
                .filter(|t| {
                    t.graphs
                        .get(&graph)
                        .is_some_and(|g| g.implements.iter().any(|i| i == abstract_type))
                })
                .map(|t| t.name.clone())
                .collect(),
            TypeKind::Object => vec![meta.name.clone()],
            _ => Vec::new(),
        }
    }

    /// Object types that may appear where the supergraph returns `type_name`.
    pub fn possible_types(&self, type_name: &str) -> Vec<Name> {
        let Some(meta) = self.types.get(type_name) else {
            return Vec::new();
        };
        match meta.kind {
            TypeKind::Object => vec![meta.name.clone()],
            TypeKind::Union | TypeKind::Interface => self
                .types
                .values()
                .filter(|t| {
                    t.kind == TypeKind::Object && self.schema.is_subtype(type_name, &t.name)
                })
                .map(|t| t.name.clone())
                .collect(),
            _ => Vec::new(),
        }
    }
}
