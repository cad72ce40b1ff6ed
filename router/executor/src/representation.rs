//! Builds `_entities` representations from an object of the response tree and the fetch's
//! `requires` selection (`... on T { __typename key required }`).

use std::hash::Hash;

use apollo_compiler::Schema;
use planner::Selection;

use crate::dedupe::{RepHasher, hash_value};
use crate::rewrites::type_matches;
use crate::value::{Object, Str, Value};

/// The representation of `object`, or `None` when no type condition matches it or a key or
/// required field is missing (e.g. because the fetch that provides it failed).
pub(crate) fn build(schema: &Schema, object: &Object, requires: &[Selection]) -> Option<Value> {
    let mut out = Object::new();
    if !select_into(schema, object, requires, &mut out)? || !out.contains_key("__typename") {
        return None;
    }
    Some(Value::Object(out))
}

/// Copies the selected fields of `object` into `out`. `Some(false)` when nothing was selected,
/// `None` when a selected field is missing.
fn select_into(
    schema: &Schema,
    object: &Object,
    selections: &[Selection],
    out: &mut Object,
) -> Option<bool> {
    let mut selected = false;
    for selection in selections {
        match selection {
            Selection::Field {
                name,
                alias,
                selections,
            } => {
                // An aliased field sits under its alias in the tree; the subgraph expects the
                // field's name in the representation.
                let value = object.get(alias.as_deref().unwrap_or(name))?;
                let value = match selections {
                    Some(sub) => select_value(schema, value, sub)?,
                    None => value.clone(),
                };
                out.insert(name.as_str(), value);
                selected = true;
            }
            Selection::InlineFragment {
                type_condition,
                selections,
            } => {
                let applies = match type_condition {
                    None => true,
                    Some(condition) => object
                        .get("__typename")
                        .and_then(Value::as_str)
                        .is_some_and(|t| type_matches(schema, condition, t)),
                };
                if applies {
                    selected |= select_into(schema, object, selections, out)?;
                }
            }
        }
    }
    Some(selected)
}

fn select_value(schema: &Schema, value: &Value, selections: &[Selection]) -> Option<Value> {
    match value {
        Value::Object(object) => {
            let mut out = Object::new();
            select_into(schema, object, selections, &mut out)?;
            Some(Value::Object(out))
        }
        Value::Array(items) => items
            .iter()
            .map(|item| select_value(schema, item, selections))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        other => Some(other.clone()),
    }
}

// Duplicates are the common case (10,000 reviews by 100 authors): they are recognised from the
// object itself, so only distinct representations are ever built. Valid without input rewrites
// only, since those change a representation after it is built.

/// Hashes what [`build`] would put in the representation of `object`; `None` when a selected
/// field is missing (then [`build`] gives `None` too).
pub(crate) fn hash(
    schema: &Schema,
    object: &Object,
    selections: &[Selection],
    state: &mut RepHasher,
) -> Option<()> {
    for selection in selections {
        match selection {
            Selection::Field {
                name,
                alias,
                selections,
            } => {
                let value = object.get(alias.as_deref().unwrap_or(name))?;
                name.hash(state);
                match selections {
                    Some(sub) => hash_selected(schema, value, sub, state)?,
                    None => hash_value(value, state),
                }
            }
            Selection::InlineFragment {
                type_condition,
                selections,
            } => {
                if applies(schema, object, type_condition.as_deref()) {
                    hash(schema, object, selections, state)?;
                }
            }
        }
    }
    Some(())
}

fn hash_selected(
    schema: &Schema,
    value: &Value,
    selections: &[Selection],
    state: &mut RepHasher,
) -> Option<()> {
    match value {
        Value::Object(object) => hash(schema, object, selections, state),
        Value::Array(items) => {
            items.len().hash(state);
            items
                .iter()
                .try_for_each(|item| hash_selected(schema, item, selections, state))
        }
        other => {
            hash_value(other, state);
            Some(())
        }
    }
}

/// Whether [`build`] would give `representation` for `object`. Objects with the same
/// `__typename` (always selected first) select the same keys, so comparing the selected values
/// is enough.
pub(crate) fn same(
    schema: &Schema,
    object: &Object,
    selections: &[Selection],
    representation: &Value,
) -> bool {
    match representation {
        Value::Object(rep) => same_in(schema, object, selections, rep),
        _ => false,
    }
}

fn same_in(schema: &Schema, object: &Object, selections: &[Selection], rep: &Object) -> bool {
    selections.iter().all(|selection| match selection {
        Selection::Field {
            name,
            alias,
            selections,
        } => {
            let (Some(value), Some(expected)) = (
                object.get(alias.as_deref().unwrap_or(name)),
                rep.get(name.as_str()),
            ) else {
                return false;
            };
            match selections {
                // Nested required fields are rare: compare what would be built.
                Some(sub) => select_value(schema, value, sub).as_ref() == Some(expected),
                None => value == expected,
            }
        }
        Selection::InlineFragment {
            type_condition,
            selections,
        } => {
            !applies(schema, object, type_condition.as_deref())
                || same_in(schema, object, selections, rep)
        }
    })
}

// The common case is flatter still: keys and scalar required fields, each name once. Then the
// selected values are looked up once per object ([`gather`]) and hashed, compared and copied
// from there, instead of being searched for again by each of hash, compare and build.

/// Whether `selections` select only leaf fields, each name once (through inline fragments).
pub(crate) fn is_flat(selections: &[Selection]) -> bool {
    fn walk<'s>(selections: &'s [Selection], names: &mut Vec<&'s str>) -> bool {
        selections.iter().all(|selection| match selection {
            Selection::Field {
                name, selections, ..
            } => {
                let unique = selections.is_none() && !names.contains(&name.as_str());
                names.push(name);
                unique
            }
            Selection::InlineFragment { selections, .. } => walk(selections, names),
        })
    }
    walk(selections, &mut Vec::new())
}

/// The fields [`build`] would copy from `object`, by name in representation order; `None`
/// when one is missing or no `__typename` is selected (then [`build`] gives `None` too).
/// `selections` must be [`is_flat`].
pub(crate) fn gather<'s, 'v>(
    schema: &Schema,
    object: &'v Object,
    selections: &'s [Selection],
    out: &mut Vec<(&'s str, &'v Value)>,
) -> Option<()> {
    out.clear();
    gather_into(schema, object, selections, out)?;
    out.iter()
        .any(|(name, _)| *name == "__typename")
        .then_some(())
}

fn gather_into<'s, 'v>(
    schema: &Schema,
    object: &'v Object,
    selections: &'s [Selection],
    out: &mut Vec<(&'s str, &'v Value)>,
) -> Option<()> {
    for selection in selections {
        match selection {
            Selection::Field { name, alias, .. } => {
                out.push((name.as_str(), object.get(alias.as_deref().unwrap_or(name))?));
            }
            Selection::InlineFragment {
                type_condition,
                selections,
            } => {
                if applies(schema, object, type_condition.as_deref()) {
                    gather_into(schema, object, selections, out)?;
                }
            }
        }
    }
    Some(())
}

/// Hashes the values only: objects of one batch select the same names for the same
/// `__typename` (a value, hashed), and [`same_gathered`] compares names anyway.
pub(crate) fn hash_gathered(fields: &[(&str, &Value)], state: &mut RepHasher) {
    for (_, value) in fields {
        hash_value(value, state);
    }
}

/// Whether `representation` is what [`build_gathered`] makes of `fields`.
pub(crate) fn same_gathered(fields: &[(&str, &Value)], representation: &Value) -> bool {
    let Value::Object(rep) = representation else {
        return false;
    };
    rep.len() == fields.len()
        && rep
            .iter()
            .zip(fields)
            .all(|((key, value), (name, wanted))| key.as_str() == *name && value == *wanted)
}

pub(crate) fn build_gathered(fields: &[(&str, &Value)]) -> Value {
    let mut out = Object::with_capacity(fields.len());
    for (name, value) in fields {
        out.push_unique(Str::from(*name), (*value).clone());
    }
    Value::Object(out)
}

fn applies(schema: &Schema, object: &Object, type_condition: Option<&str>) -> bool {
    match type_condition {
        None => true,
        Some(condition) => object
            .get("__typename")
            .and_then(Value::as_str)
            .is_some_and(|t| type_matches(schema, condition, t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::validation::Valid;
    use serde_json::json;

    fn schema() -> Valid<Schema> {
        Schema::parse_and_validate(
            "type Query { a: Int } interface Media { id: ID! } type Book implements Media { id: ID! size: Dim } type Dim { w: Int }",
            "s.graphql",
        )
        .expect("valid schema")
    }

    fn requires() -> Vec<Selection> {
        serde_json::from_value(
            json!([{ "kind": "InlineFragment", "typeCondition": "Media", "selections": [
            { "kind": "Field", "name": "__typename" },
            { "kind": "Field", "name": "id" },
            { "kind": "Field", "name": "size", "selections": [{ "kind": "Field", "name": "w" }] },
        ] }]),
        )
        .expect("selections")
    }

    fn object(value: serde_json::Value) -> Object {
        match Value::from(value) {
            Value::Object(object) => object,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn builds_only_selected_fields_for_matching_types() {
        let schema = schema();
        let book = object(
            json!({ "__typename": "Book", "id": "1", "title": "x", "size": { "w": 2, "h": 3 } }),
        );
        assert_eq!(
            build(&schema, &book, &requires()),
            Some(Value::from(
                json!({ "__typename": "Book", "id": "1", "size": { "w": 2 } })
            ))
        );
        let other = object(json!({ "__typename": "Query", "id": "1", "size": null }));
        assert_eq!(build(&schema, &other, &requires()), None);
        let missing = object(json!({ "__typename": "Book", "size": null }));
        assert_eq!(build(&schema, &missing, &requires()), None);
    }

    #[test]
    fn hashing_and_comparing_agree_with_building() {
        let schema = schema();
        let hash_of = |o: &Object| {
            let mut state = crate::dedupe::rep_hasher();
            hash(&schema, o, &requires(), &mut state).map(|()| std::hash::Hasher::finish(&state))
        };
        let a =
            object(json!({ "__typename": "Book", "id": "1", "title": "a", "size": { "w": 2 } }));
        let b = object(json!({ "id": "1", "size": { "h": 9, "w": 2 }, "__typename": "Book" }));
        let c = object(json!({ "__typename": "Book", "id": "1", "size": { "w": 3 } }));
        let rep_a = build(&schema, &a, &requires()).expect("representation");
        assert_eq!(hash_of(&a), hash_of(&b));
        assert!(same(&schema, &b, &requires(), &rep_a));
        assert!(!same(&schema, &c, &requires(), &rep_a));
        assert_eq!(hash_of(&object(json!({ "__typename": "Book" }))), None);
    }

    #[test]
    fn gathered_fields_build_hash_and_compare_like_the_general_path() {
        let schema = schema();
        let flat: Vec<Selection> = serde_json::from_value(json!([
            { "kind": "InlineFragment", "typeCondition": "Media", "selections": [
                { "kind": "Field", "name": "__typename" },
                { "kind": "Field", "name": "id" },
            ] }
        ]))
        .expect("selections");
        let twice: Vec<Selection> = serde_json::from_value(json!([
            { "kind": "Field", "name": "id" },
            { "kind": "InlineFragment", "selections": [{ "kind": "Field", "name": "id" }] },
        ]))
        .expect("selections");
        assert!(is_flat(&flat));
        assert!(!is_flat(&requires()), "a sub-selection is not flat");
        assert!(!is_flat(&twice), "a name selected twice is not flat");

        let book = object(json!({ "id": "1", "__typename": "Book", "title": "x" }));
        let mut fields = Vec::new();
        gather(&schema, &book, &flat, &mut fields).expect("selected");
        let built = build_gathered(&fields);
        assert_eq!(Some(built.clone()), build(&schema, &book, &flat));
        assert!(same_gathered(&fields, &built));

        let other = object(json!({ "__typename": "Book", "id": "2" }));
        let mut other_fields = Vec::new();
        gather(&schema, &other, &flat, &mut other_fields).expect("selected");
        assert!(!same_gathered(&other_fields, &built));
        let hash_of = |fields: &[(&str, &Value)]| {
            let mut state = crate::dedupe::rep_hasher();
            hash_gathered(fields, &mut state);
            std::hash::Hasher::finish(&state)
        };
        let same_book = object(json!({ "__typename": "Book", "id": "1" }));
        let mut same_fields = Vec::new();
        gather(&schema, &same_book, &flat, &mut same_fields).expect("selected");
        assert_eq!(hash_of(&fields), hash_of(&same_fields));

        let not_media = object(json!({ "__typename": "Query", "id": "1" }));
        assert_eq!(gather(&schema, &not_media, &flat, &mut fields), None);
        let no_id = object(json!({ "__typename": "Book" }));
        assert_eq!(gather(&schema, &no_id, &flat, &mut fields), None);
    }
}
