//! Query plan nodes: one serde enum shared with the executor, printed in the usual text form.

use serde::{Deserialize, Serialize};

/// A query plan. `node` is `None` when nothing needs fetching (only `__typename` on the root or
/// introspection, which the router answers itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryPlan {
    pub node: Option<PlanNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum PlanNode {
    Fetch(FetchNode),
    /// Run `node` for every object found at `path` in the response (representations for
    /// `_entities` are collected there and the answers merged back).
    Flatten {
        path: Vec<PathSegment>,
        node: Box<PlanNode>,
    },
    Sequence {
        nodes: Vec<PlanNode>,
    },
    Parallel {
        nodes: Vec<PlanNode>,
    },
    /// Runs `if_clause` when the Boolean variable `condition` is true, else `else_clause`.
    Condition {
        condition: String,
        #[serde(rename = "ifClause", skip_serializing_if = "Option::is_none", default)]
        if_clause: Option<Box<PlanNode>>,
        #[serde(
            rename = "elseClause",
            skip_serializing_if = "Option::is_none",
            default
        )]
        else_clause: Option<Box<PlanNode>>,
    },
}

/// A response path segment: a field's response name, or `@` for every element of a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSegment {
    Field(String),
    List,
}

impl Serialize for PathSegment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PathSegment::Field(name) => serializer.serialize_str(name),
            PathSegment::List => serializer.serialize_str("@"),
        }
    }
}

impl<'de> Deserialize<'de> for PathSegment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(if s == "@" {
            PathSegment::List
        } else {
            PathSegment::Field(s)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OperationKind {
    Query,
    Mutation,
    Subscription,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FetchNode {
    pub service_name: String,
    /// The full operation sent to the subgraph (named, with its variable definitions).
    pub operation: String,
    pub operation_name: String,
    pub operation_kind: OperationKind,
    /// Client variables the operation uses, forwarded under the same names.
    pub variable_usages: Vec<String>,
    /// For `_entities` fetches: what each representation holds (`... on T { __typename key }`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub requires: Option<Vec<Selection>>,
    /// Applied to each representation before sending it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub input_rewrites: Vec<Rewrite>,
    /// Applied to each answer before merging it into the response.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub output_rewrites: Vec<Rewrite>,
}

/// A selection in a `requires` field set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Selection {
    /// The representation gets `name`; its value is read from the entity's `alias` key when
    /// there is one (a key or required field fetched as `<name>__internal` because the client
    /// uses the name `<name>` for another field there), else from `name`.
    Field {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        alias: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        selections: Option<Vec<Selection>>,
    },
    InlineFragment {
        #[serde(
            rename = "typeCondition",
            skip_serializing_if = "Option::is_none",
            default
        )]
        type_condition: Option<String>,
        selections: Vec<Selection>,
    },
}

/// A change to a representation or an answer. Paths walk response keys (through lists
/// transparently) from the fetch's data root (root fetches) or from each entity (`_entities`
/// fetches); `... on T` segments only match objects whose `__typename` is `T`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Rewrite {
    /// Renames the key at `path` (an alias that avoided a field conflict) to `rename_key_to`.
    KeyRenamer {
        path: Vec<String>,
        #[serde(rename = "renameKeyTo")]
        rename_key_to: String,
    },
    /// Sets the value at `path`: `__typename` of an `@interfaceObject` representation.
    ValueSetter {
        path: Vec<String>,
        #[serde(rename = "setValueTo")]
        set_value_to: serde_json::Value,
    },
}
