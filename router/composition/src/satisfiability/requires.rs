//! Whether a `@requires` selection can be fetched: every required field must be resolved by
//! a subgraph the planner can reach for the entity, nested selections from where their
//! parent is fetched (following keys to further subgraphs), `... on T` conditions from where
//! the value can be a `T`, and a required field that has its own `@requires` in the subgraph
//! resolving it only if that selection can be fetched in turn (chained requires).

use crate::fieldset::{self, Selection};
use crate::merge::model::{MergedField, MergedSchema, MergedType};
use crate::model::named;

use super::reach::{reachable_graphs, resolvers};

/// Why a required selection cannot be fetched.
#[derive(Debug)]
pub(super) enum Unfetchable {
    /// No reachable subgraph resolves the field at this coordinate.
    Field(String),
    /// The subgraphs resolving `coordinate` all need their own `@requires`, and (in the first
    /// of them) it cannot be fetched.
    Requires {
        coordinate: String,
        graph: String,
        requires: String,
        inner: Box<Unfetchable>,
    },
}

impl Unfetchable {
    /// `required field "T.f" of @requires(fields: "...") cannot be fetched`, with the chain
    /// of nested requirements that fails.
    pub(super) fn describe(&self, requires: Option<&str>) -> String {
        let (coordinate, tail) = match self {
            Unfetchable::Field(coordinate) => (coordinate, String::new()),
            Unfetchable::Requires {
                coordinate,
                graph,
                requires: inner_requires,
                inner,
            } => (
                coordinate,
                format!(
                    ": subgraph \"{graph}\" resolves it only with @requires(fields: \"{inner_requires}\"), and {}",
                    inner.describe(None)
                ),
            ),
        };
        match requires {
            Some(requires) => format!(
                "required field \"{coordinate}\" of @requires(fields: \"{requires}\") cannot be fetched{tail}"
            ),
            None => format!("required field \"{coordinate}\" cannot be fetched{tail}"),
        }
    }
}

/// The `@requires` of `field` in `graph`, if any.
pub(super) fn requires_in(field: &MergedField, graph: usize) -> Option<&str> {
    field
        .join
        .iter()
        .find(|j| j.graph == Some(graph))
        .and_then(|j| j.requires.as_deref())
}

/// Checks `selections` on `ty`, fetched from any graph of `reach` (closed under key moves).
/// `chain` holds the `(type, field)` requirements being checked, so cycles end.
pub(super) fn unfetchable(
    schema: &MergedSchema,
    ty: &MergedType,
    selections: &[Selection],
    reach: &[usize],
    chain: &mut Vec<(String, String)>,
) -> Option<Unfetchable> {
    for selection in selections {
        if let Some(condition) = &selection.type_condition {
            if let Some(failure) =
                unfetchable_condition(schema, ty, condition, selection, reach, chain)
            {
                return Some(failure);
            }
            continue;
        }
        if selection.name == "__typename" {
            continue;
        }
        let coordinate = format!("{}.{}", ty.name, selection.name);
        let Some(field) = ty.fields.get(&selection.name) else {
            return Some(Unfetchable::Field(coordinate));
        };
        let usable: Vec<usize> = resolvers(ty, field)
            .into_iter()
            .filter(|g| reach.contains(g))
            .collect();
        if usable.is_empty() {
            return Some(Unfetchable::Field(coordinate));
        }
        let mut first_failure = None;
        let fetchable = usable.iter().any(|g| {
            match fetchable_in(schema, ty, field, selection, *g, reach, chain) {
                Ok(()) => true,
                Err(failure) => {
                    first_failure.get_or_insert(failure);
                    false
                }
            }
        });
        if !fetchable {
            return first_failure;
        }
    }
    None
}

/// Whether `field` (selected as `selection`) can be fetched from `graph`: its own
/// `@requires` there, then the selection below it.
fn fetchable_in(
    schema: &MergedSchema,
    ty: &MergedType,
    field: &MergedField,
    selection: &Selection,
    graph: usize,
    reach: &[usize],
    chain: &mut Vec<(String, String)>,
) -> Result<(), Unfetchable> {
    let link = (ty.name.clone(), field.name.clone());
    if let Some(requires) = requires_in(field, graph)
        && !chain.contains(&link)
        && let Ok(inner) = fieldset::parse(requires)
    {
        chain.push(link);
        let failure = unfetchable(schema, ty, &inner, reach, chain);
        chain.pop();
        if let Some(failure) = failure {
            return Err(Unfetchable::Requires {
                coordinate: format!("{}.{}", ty.name, field.name),
                graph: schema.graphs[graph].name.clone(),
                requires: requires.to_string(),
                inner: Box::new(failure),
            });
        }
    }
    if selection.children.is_empty() {
        return Ok(());
    }
    // A subgraph may return a subtype of the supergraph's field type.
    let target = field
        .join
        .iter()
        .find(|j| j.graph == Some(graph))
        .and_then(|j| j.ty.as_deref())
        .map(|t| t.trim_matches(|c| c == '[' || c == ']' || c == '!'))
        .unwrap_or_else(|| named(&field.ty));
    let Some(child) = schema.types.get(target) else {
        return Ok(());
    };
    let child_reach = reachable_graphs(schema, child, graph);
    match unfetchable(schema, child, &selection.children, &child_reach, chain) {
        Some(failure) => Err(failure),
        None => Ok(()),
    }
}

/// `... on T { }` under `ty`: checked from the graphs of `reach` where a `ty` can be a `T`
/// (nothing to fetch where it never is one).
fn unfetchable_condition(
    schema: &MergedSchema,
    ty: &MergedType,
    condition: &str,
    selection: &Selection,
    reach: &[usize],
    chain: &mut Vec<(String, String)>,
) -> Option<Unfetchable> {
    if condition == ty.name {
        return unfetchable(schema, ty, &selection.children, reach, chain);
    }
    let conditioned = schema.types.get(condition)?;
    let mut condition_reach: Vec<usize> = Vec::new();
    for g in reach
        .iter()
        .copied()
        .filter(|g| can_be(ty, conditioned, *g))
    {
        for h in reachable_graphs(schema, conditioned, g) {
            if !condition_reach.contains(&h) {
                condition_reach.push(h);
            }
        }
    }
    if condition_reach.is_empty() {
        return None;
    }
    unfetchable(
        schema,
        conditioned,
        &selection.children,
        &condition_reach,
        chain,
    )
}

/// Whether, in `graph`, a value of the abstract type `ty` can be a `conditioned`.
fn can_be(ty: &MergedType, conditioned: &MergedType, graph: usize) -> bool {
    ty.join_members
        .iter()
        .any(|(g, member)| *g == graph && *member == conditioned.name)
        || conditioned
            .join_implements
            .iter()
            .any(|(g, interface)| *g == graph && *interface == ty.name)
}
