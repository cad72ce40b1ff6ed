//! The response tree being built: navigation by concrete path and deep merging.

use apollo_compiler::Schema;

use crate::response::PathElement;
use crate::value::{Object, Value};

/// A concrete position in the response tree; keys borrow from the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem<'p> {
    Key(&'p str),
    Index(usize),
}

pub(crate) fn to_owned_path(path: &[Elem<'_>]) -> Vec<PathElement> {
    path.iter()
        .map(|e| match e {
            Elem::Key(k) => PathElement::Key((*k).to_owned()),
            Elem::Index(i) => PathElement::Index(*i),
        })
        .collect()
}

/// The value at `path`, if every step exists.
pub(crate) fn get_mut<'v>(mut value: &'v mut Value, path: &[Elem<'_>]) -> Option<&'v mut Value> {
    for elem in path {
        value = match (elem, value) {
            (Elem::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Elem::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// The value at `path` below the root object.
pub(crate) fn get_mut_in<'v>(root: &'v mut Object, path: &[Elem<'_>]) -> Option<&'v mut Value> {
    let (Elem::Key(first), rest) = path.split_first()? else {
        return None;
    };
    get_mut(root.get_mut(first)?, rest)
}

/// Merges `source` into `target`: objects key by key, lists element by element, anything else
/// replaces.
pub(crate) fn deep_merge(target: &mut Value, source: Value) {
    match (target, source) {
        (Value::Object(target), Value::Object(source)) => merge_objects(target, source),
        (Value::Array(target), Value::Array(source)) => {
            let mut source = source.into_iter();
            for (t, s) in target.iter_mut().zip(source.by_ref()) {
                deep_merge(t, s);
            }
            target.extend(source);
        }
        (target, source) => *target = source,
    }
}

pub(crate) fn merge_objects(target: &mut Object, source: Object) {
    if target.is_empty() {
        *target = source;
        return;
    }
    target.reserve(source.len());
    for (key, value) in source {
        match target.get_mut(&key) {
            Some(existing) => deep_merge(existing, value),
            None => target.push_unique(key, value),
        }
    }
}

/// Merges an `_entities` answer into the object it belongs to. A concrete `__typename` is never
/// replaced by an interface's name (what an `@interfaceObject` subgraph answers), but an
/// interface's name (from such a subgraph's root field) is replaced by the concrete one.
pub(crate) fn merge_entity(schema: &Schema, target: &mut Object, mut source: Object) {
    if keeps_typename(schema, target, &source) {
        source.remove("__typename");
    }
    merge_objects(target, source);
}

/// [`merge_entity`] for an answer shared by several objects: copies only what it inserts.
pub(crate) fn merge_entity_ref(schema: &Schema, target: &mut Object, source: &Object) {
    let keep = keeps_typename(schema, target, source);
    target.reserve(source.len());
    for (key, value) in source {
        if keep && key == "__typename" {
            continue;
        }
        match target.get_mut(key) {
            Some(existing) => deep_merge(existing, value.clone()),
            None => target.push_unique(key.clone(), value.clone()),
        }
    }
}

fn keeps_typename(schema: &Schema, target: &Object, source: &Object) -> bool {
    let is_object = |v: &Value| v.as_str().is_some_and(|t| schema.get_object(t).is_some());
    match (target.get("__typename"), source.get("__typename")) {
        (None, _) => false,
        // Nothing to replace, or the same name: keeping is merging.
        (Some(_), None) => true,
        (Some(kept), Some(sent)) if kept == sent => true,
        (Some(kept), Some(sent)) => is_object(kept) || !is_object(sent),
    }
}
