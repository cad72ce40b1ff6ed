//! `Flatten` + entity `Fetch`: collect every object at the path, send each distinct
//! representation once, fan each answer back out to every object that produced it.

use std::hash::Hasher;

use planner::{FetchNode, PathSegment, Selection};
use serde_json::Value as JsonValue;

use crate::dedupe::{Distinct, rep_hasher};
use crate::errors;
use crate::representation;
use crate::response::{GraphQLError, PathElement};
use crate::rewrites;
use crate::run::{Run, invalid};
use crate::tree::{self, Elem};
use crate::value::{Object, Value};

/// Objects at the path and the distinct representations they produced.
struct Batch<'p> {
    targets: Targets<'p>,
    representations: Vec<Value>,
}

/// Each object's position and the index of its representation, the positions laid end to end
/// in one vector (one allocation for the batch, not one per object).
#[derive(Default)]
struct Targets<'p> {
    elems: Vec<Elem<'p>>,
    /// `(end of the position in elems, representation index)`; a position starts where the
    /// previous one ends.
    ends: Vec<(usize, usize)>,
}

impl<'p> Targets<'p> {
    fn push(&mut self, position: &[Elem<'p>], index: usize) {
        self.elems.extend_from_slice(position);
        self.ends.push((self.elems.len(), index));
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, t: usize) -> (&[Elem<'p>], usize) {
        let start = if t == 0 { 0 } else { self.ends[t - 1].0 };
        let (end, index) = self.ends[t];
        (&self.elems[start..end], index)
    }

    fn iter(&self) -> impl Iterator<Item = (&[Elem<'p>], usize)> + '_ {
        (0..self.len()).map(|t| self.get(t))
    }
}

pub(crate) async fn fetch<'a>(
    run: &Run<'a>,
    fetch: &'a FetchNode,
    requires: &'a [Selection],
    path: &[&'a PathSegment],
) {
    let batch = {
        let state = run.lock();
        collect(run, fetch, requires, path, &state.data)
    };
    if batch.representations.is_empty() {
        // Nothing to resolve: no objects there, or their keys are missing because an earlier
        // fetch failed (that failure is already reported).
        return;
    }
    let count = batch.representations.len();
    let targets = batch.targets;
    let result = run
        .send(
            fetch,
            Some(("representations", Value::Array(batch.representations))),
        )
        .await;
    let error_path = concrete_prefix(path);
    let blame = |targets: &Targets<'_>| -> Vec<Vec<PathElement>> {
        targets
            .iter()
            .map(|(p, _)| tree::to_owned_path(p))
            .collect()
    };
    let response = match result {
        Ok(response) => response,
        Err(error) => {
            run.fail(fetch, &error, error_path, blame(&targets));
            return;
        }
    };
    let entities = match response.data {
        Some(Value::Object(mut data)) => match data.remove("_entities") {
            Some(Value::Array(entities)) if entities.len() == count => Some(entities),
            Some(Value::Null) | None if !response.errors.is_empty() => None,
            Some(Value::Array(entities)) => {
                let reason = format!(
                    "`_entities` has {} items for {count} representations",
                    entities.len()
                );
                run.fail(fetch, &invalid(fetch, reason), error_path, blame(&targets));
                return;
            }
            _ => {
                let reason = "`data._entities` is missing or not a list";
                run.fail(fetch, &invalid(fetch, reason), error_path, blame(&targets));
                return;
            }
        },
        Some(Value::Null) | None if !response.errors.is_empty() => None,
        _ => {
            let reason = "`data` is missing or not an object";
            run.fail(fetch, &invalid(fetch, reason), error_path, blame(&targets));
            return;
        }
    };

    let forwarded = map_errors(
        &response.errors,
        fetch,
        &targets,
        entities.as_deref(),
        count,
        &error_path,
    );
    let mut state = run.lock();
    state.errors.extend(forwarded);
    let Some(mut entities) = entities else {
        // The forwarded errors explain every object this fetch was to fill.
        state.blamed.extend(blame(&targets));
        return;
    };
    for entity in &mut entities {
        rewrites::apply_all(run.schema, entity, &fetch.output_rewrites);
    }
    // Each answer is moved into its last user and copied into the others.
    let mut remaining = vec![0usize; count];
    for (_, index) in targets.iter() {
        remaining[index] += 1;
    }
    for (target_path, index) in targets.iter() {
        remaining[index] -= 1;
        let Some(Value::Object(object)) = tree::get_mut_in(&mut state.data, target_path) else {
            continue;
        };
        match &mut entities[index] {
            Value::Object(entity) if remaining[index] == 0 => {
                tree::merge_entity(run.schema, object, std::mem::take(entity));
            }
            Value::Object(entity) => tree::merge_entity_ref(run.schema, object, entity),
            // A null (or malformed) answer: the object stays as it is; projection reports
            // missing non-null fields unless an error already covers them.
            _ => {}
        }
    }
}

fn collect<'p>(
    run: &Run<'_>,
    fetch: &FetchNode,
    requires: &[Selection],
    path: &[&'p PathSegment],
    data: &Object,
) -> Batch<'p> {
    let mut batch = Batch {
        targets: Targets::default(),
        representations: Vec::new(),
    };
    let mut distinct = Distinct::default();
    let mut current = Vec::with_capacity(path.len() * 2);
    let schema = run.schema;
    let flat = fetch.input_rewrites.is_empty() && representation::is_flat(requires);
    let mut fields = Vec::new();
    walk_object(data, path, &mut current, &mut |object, at| {
        let index = if flat {
            if representation::gather(schema, object, requires, &mut fields).is_none() {
                return;
            }
            let mut hasher = rep_hasher();
            representation::hash_gathered(&fields, &mut hasher);
            distinct.find_or_insert(
                hasher.finish(),
                &mut batch.representations,
                |rep| representation::same_gathered(&fields, rep),
                || Some(representation::build_gathered(&fields)),
            )
        } else if fetch.input_rewrites.is_empty() {
            let mut hasher = rep_hasher();
            if representation::hash(schema, object, requires, &mut hasher).is_none() {
                return;
            }
            distinct.find_or_insert(
                hasher.finish(),
                &mut batch.representations,
                |rep| representation::same(schema, object, requires, rep),
                || representation::build(schema, object, requires),
            )
        } else {
            let Some(mut rep) = representation::build(schema, object, requires) else {
                return;
            };
            rewrites::apply_all(schema, &mut rep, &fetch.input_rewrites);
            Some(distinct.index_of(rep, &mut batch.representations))
        };
        let Some(index) = index else {
            return;
        };
        batch.targets.push(at, index);
    });
    batch
}

type Visit<'v, 'f, 'p> = dyn FnMut(&'v Object, &[Elem<'p>]) + 'f;

fn walk_object<'v, 'p>(
    object: &'v Object,
    path: &[&'p PathSegment],
    current: &mut Vec<Elem<'p>>,
    visit: &mut Visit<'v, '_, 'p>,
) {
    match path.split_first() {
        None => visit(object, current),
        Some((PathSegment::Field(key), rest)) => {
            if let Some(value) = object.get(key.as_str()) {
                current.push(Elem::Key(key));
                walk_value(value, rest, current, visit);
                current.pop();
            }
        }
        // A list marker where the tree has an object: the path and the data disagree.
        Some((PathSegment::List, _)) => {}
    }
}

fn walk_value<'v, 'p>(
    value: &'v Value,
    path: &[&'p PathSegment],
    current: &mut Vec<Elem<'p>>,
    visit: &mut Visit<'v, '_, 'p>,
) {
    match value {
        Value::Object(object) => walk_object(object, path, current, visit),
        Value::Array(items) => {
            // `@` steps into the list; a list the path did not announce is walked through too.
            let rest = match path.split_first() {
                Some((PathSegment::List, rest)) => rest,
                _ => path,
            };
            for (i, item) in items.iter().enumerate() {
                current.push(Elem::Index(i));
                walk_value(item, rest, current, visit);
                current.pop();
            }
        }
        // Nulls (and anything else) hold no entities.
        _ => {}
    }
}

/// The path up to its first list marker: where a failed entity fetch is reported.
fn concrete_prefix(path: &[&PathSegment]) -> Option<Vec<PathElement>> {
    let prefix: Vec<PathElement> = path
        .iter()
        .map_while(|segment| match segment {
            PathSegment::Field(key) => Some(PathElement::Key(key.clone())),
            PathSegment::List => None,
        })
        .collect();
    (!prefix.is_empty()).then_some(prefix)
}

/// Errors at `_entities.i.rest` belong to every object that shared representation `i`.
///
/// Errors at `_entities.rest` without an index (what async-graphql 7 reports) are placed so
/// that they are never dropped, duplicated or put on an entity they are not about: with one
/// representation, on it; else on the representations whose answer is null or missing at
/// `rest` (the ones that failed) when only one failed or every such error says the same; else
/// once at the flatten path (the path up to its first list), as Apollo Router does for entity
/// errors it cannot place.
fn map_errors(
    errors: &[JsonValue],
    fetch: &FetchNode,
    targets: &Targets<'_>,
    entities: Option<&[Value]>,
    count: usize,
    fallback: &Option<Vec<PathElement>>,
) -> Vec<GraphQLError> {
    let service = fetch.service_name.as_str();
    let mut out = Vec::with_capacity(errors.len());
    let mut owners: Option<Vec<Vec<usize>>> = None;
    let mut owners_of = |index: usize| -> Vec<usize> {
        owners
            .get_or_insert_with(|| {
                let mut owners = vec![Vec::new(); count];
                for (t, (_, i)) in targets.iter().enumerate() {
                    owners[i].push(t);
                }
                owners
            })
            .get(index)
            .cloned()
            .unwrap_or_default()
    };
    let at = |error: &JsonValue, t: usize, rest: &[PathElement]| {
        let mut path = tree::to_owned_path(targets.get(t).0);
        path.extend(rest.iter().cloned());
        errors::forward(error, service, Some(path))
    };
    let mut unindexed: Vec<(&JsonValue, Vec<PathElement>)> = Vec::new();
    for error in errors {
        let path = error
            .get("path")
            .and_then(JsonValue::as_array)
            .and_then(|p| errors::json_path(p));
        match path.as_deref() {
            Some([PathElement::Key(root), PathElement::Index(i), rest @ ..])
                if root == "_entities" && *i < count =>
            {
                let mut rest = rest.to_vec();
                errors::rename_keys(&mut rest, &fetch.output_rewrites);
                for t in owners_of(*i) {
                    out.push(at(error, t, &rest));
                }
            }
            Some([PathElement::Key(root), rest @ ..])
                if root == "_entities" && !matches!(rest.first(), Some(PathElement::Index(_))) =>
            {
                unindexed.push((error, rest.to_vec()));
            }
            _ => out.push(errors::forward(error, service, fallback.clone())),
        }
    }
    let mut placed: Vec<GraphQLError> = Vec::new();
    for (error, rest) in &unindexed {
        let message = |e: &JsonValue| e.get("message").cloned();
        let same_rest = unindexed.iter().filter(|(_, r)| r == rest);
        let one_story = same_rest
            .clone()
            .all(|(other, _)| message(other) == message(error));
        let failed_where = |mark: Mark| -> Vec<usize> {
            entities
                .map(|entities| {
                    (0..count)
                        .filter(|&i| entities.get(i).is_some_and(|e| failed_at(e, rest, mark)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let failed: Vec<usize> = if count == 1 {
            vec![0]
        } else {
            let nulled = failed_where(Mark::Null);
            if nulled.is_empty() && one_story {
                // Some subgraph libraries (async-graphql 7) leave a failed field out of its
                // entity and send one index-less error per failure: when the entities without
                // the field are exactly as many as those errors, they are the failed ones.
                let absent = failed_where(Mark::NullOrAbsent);
                if absent.len() == same_rest.count() {
                    absent
                } else {
                    Vec::new()
                }
            } else {
                nulled
            }
        };
        let mut renamed = rest.clone();
        errors::rename_keys(&mut renamed, &fetch.output_rewrites);
        let candidates: Vec<GraphQLError> =
            if !failed.is_empty() && (failed.len() == 1 || one_story) {
                failed
                    .iter()
                    .flat_map(|&i| owners_of(i))
                    .map(|t| at(error, t, &renamed))
                    .collect()
            } else {
                vec![errors::forward(error, service, fallback.clone())]
            };
        // The same error once per entity is what a subgraph sends for several failures.
        for candidate in candidates {
            if !placed.contains(&candidate) {
                placed.push(candidate);
            }
        }
    }
    out.extend(placed);
    out
}

/// What marks a failed field in an entity answer.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    /// A null at the field or above it (what the spec's null propagation leaves).
    Null,
    /// Also the field's key missing (what async-graphql leaves).
    NullOrAbsent,
}

/// Whether `entity` (an `_entities` answer, in subgraph keys) bears `mark` at `rest`: where a
/// failed field leaves its trace.
fn failed_at(entity: &Value, rest: &[PathElement], mark: Mark) -> bool {
    let mut value = entity;
    for element in rest {
        value = match (element, value) {
            (_, Value::Null) => return true,
            (PathElement::Key(key), Value::Object(object)) => match object.get(key.as_str()) {
                Some(next) => next,
                None => return mark == Mark::NullOrAbsent,
            },
            (PathElement::Index(i), Value::Array(items)) => match items.get(*i) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    value.is_null()
}
