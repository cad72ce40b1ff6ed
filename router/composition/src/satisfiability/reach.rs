//! Which graphs resolve a field and which graphs the planner can reach for a type from a
//! start graph: the moves both the field walk and the `@requires` check are made of.

use crate::fieldset;
use crate::merge::model::{MergedField, MergedSchema, MergedType};

/// Graphs that resolve `field` of `ty` (without `@external`; overridden copies are gone).
pub(super) fn resolvers(ty: &MergedType, field: &MergedField) -> Vec<usize> {
    if field.join.is_empty() {
        return ty.join_types.iter().map(|j| j.graph).collect();
    }
    field
        .join
        .iter()
        .filter(|j| !j.external && (!j.used_overridden))
        .filter_map(|j| j.graph)
        .collect()
}

/// Graphs the planner can reach for `ty` starting in `start`, by following resolvable keys
/// whose fields are resolved by a graph already reached.
pub(super) fn reachable_graphs(schema: &MergedSchema, ty: &MergedType, start: usize) -> Vec<usize> {
    reachable_graphs_with(schema, ty, start, &[])
}

/// [`reachable_graphs`], where the fields named in `provided` (a `@provides` above selected
/// them) are also resolved by `start`, so a key made of them can be used from there.
pub(super) fn reachable_graphs_with(
    schema: &MergedSchema,
    ty: &MergedType,
    start: usize,
    provided: &[&str],
) -> Vec<usize> {
    let mut reach = vec![start];
    loop {
        let mut grew = false;
        for join in &ty.join_types {
            if reach.contains(&join.graph) || join.resolvable == Some(false) {
                continue;
            }
            let Some(key) = &join.key else { continue };
            if key_resolvable_from(schema, ty, key, &reach, start, provided) {
                reach.push(join.graph);
                grew = true;
            }
        }
        if !grew {
            return reach;
        }
    }
}

fn key_resolvable_from(
    _schema: &MergedSchema,
    ty: &MergedType,
    key: &str,
    reach: &[usize],
    start: usize,
    provided: &[&str],
) -> bool {
    let Ok(selections) = fieldset::parse(key) else {
        return false;
    };
    selections
        .iter()
        .filter(|s| s.type_condition.is_none())
        .all(|s| {
            (reach.contains(&start) && provided.contains(&s.name.as_str()))
                || ty
                    .fields
                    .get(&s.name)
                    .is_some_and(|f| resolvers(ty, f).iter().any(|g| reach.contains(g)))
        })
}
