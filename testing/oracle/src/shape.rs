//! The monolith's answer in the shape the spec gives it.
//!
//! async-graphql (7.2) departs from the spec in three ways a differential test cannot ignore:
//! - it writes an object's fields in the order their resolvers *finish* (a `FuturesUnordered`
//!   over the fields), not in the order CollectFields gives them (spec §6.3.2, §7.2.2);
//! - a field whose resolver fails is left out of its object (the error is recorded), whatever
//!   its type, instead of being null and, when non-null, nulling its parent (spec §6.4.4);
//! - an object left with no field at all (every field skipped, or failed) is `null`, not `{}`;
//! - fields merged under one response key are each resolved, so a failing one reports its
//!   error once per copy (the spec executes them once, §6.3.2: one error per field).
//!
//! So the oracle asks the monolith a [`marked`] operation (every selection set also selects
//! `__typename` under the alias [`MARKER`], so no object is ever empty and each names its
//! runtime type), then [`shape`] executes the operation over that answer as the spec does:
//! CollectFields for the runtime type, in its order, a left-out field as null, nulls propagated
//! by the schema's types, and the marker dropped. The errors are the monolith's own, each
//! reported once ([`dedupe_errors`]).

use apollo_compiler::Schema;
use apollo_compiler::schema::{ExtendedType, Type};
use apollo_compiler::validation::Valid;
use serde_json::{Map, Value};

use crate::generator::{Arg, Directive, Field, Operation, Selection};

/// The alias of the `__typename` the marked operation adds (no generated key looks like it).
pub const MARKER: &str = "oracleRuntimeType";

/// `operation` with `MARKER: __typename` in every selection set of a field and at the root.
pub fn marked(operation: &Operation) -> Operation {
    let mut copy = operation.clone();
    mark(&mut copy.selections);
    for fragment in &mut copy.fragments {
        mark_inside(&mut fragment.selections);
    }
    copy
}

fn marker() -> Selection {
    Selection::Field(Field {
        alias: Some(MARKER.to_owned()),
        name: "__typename".to_owned(),
        arguments: Vec::new(),
        directives: Vec::new(),
        selections: Vec::new(),
    })
}

fn mark(selections: &mut Vec<Selection>) {
    selections.push(marker());
    mark_inside(selections);
}

/// Marks the sub-selections of the fields in `selections` (a fragment's own set needs no
/// marker: the set it is spread into has one).
fn mark_inside(selections: &mut [Selection]) {
    for selection in selections {
        match selection {
            Selection::Field(field) if !field.selections.is_empty() => mark(&mut field.selections),
            Selection::Field(_) | Selection::Spread { .. } => {}
            Selection::Inline { selections, .. } => mark_inside(selections),
        }
    }
}

/// The `data` of the marked operation's answer as the unmarked operation's answer must be.
pub fn shape(schema: &Valid<Schema>, operation: &Operation, data: &Value) -> Value {
    let shaper = Shaper { schema, operation };
    match data {
        Value::Object(object) => shaper
            .object(&[&operation.selections], object)
            .unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// Drops repeated errors (same path, message and extensions) from a response's `errors`.
pub fn dedupe_errors(response: &mut Value) {
    let Some(errors) = response.get_mut("errors").and_then(Value::as_array_mut) else {
        return;
    };
    let mut seen = Vec::new();
    errors.retain(|error| {
        let key = (
            error.get("path").cloned(),
            error.get("message").cloned(),
            error.get("extensions").cloned(),
        );
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

struct Shaper<'a> {
    schema: &'a Valid<Schema>,
    operation: &'a Operation,
}

/// A null where the type does not allow one: the nearest nullable parent becomes null
/// (spec §6.4.4).
struct Propagate;

impl Shaper<'_> {
    /// CompleteValue (spec §6.4.3) of what the monolith resolved, as `ty` says.
    fn complete(
        &self,
        ty: &Type,
        sets: &[&[Selection]],
        value: &Value,
    ) -> Result<Value, Propagate> {
        let completed = match (ty, value) {
            (_, Value::Null) => Err(Propagate),
            (Type::List(item) | Type::NonNullList(item), Value::Array(items)) => items
                .iter()
                .map(|value| self.complete(item, sets, value))
                .collect::<Result<Vec<Value>, Propagate>>()
                .map(Value::Array),
            (_, Value::Object(object)) if !sets.is_empty() => self.object(sets, object),
            (_, leaf) => Ok(leaf.clone()),
        };
        match completed {
            Err(Propagate) if !ty.is_non_null() => Ok(Value::Null),
            other => other,
        }
    }

    /// ExecuteSelectionSet (spec §6.3) over the monolith's object of that set.
    fn object(
        &self,
        sets: &[&[Selection]],
        object: &Map<String, Value>,
    ) -> Result<Value, Propagate> {
        let Some(runtime_type) = object.get(MARKER).and_then(Value::as_str) else {
            // Not an object the marked operation selected (cannot happen): leave it as is.
            return Ok(Value::Object(object.clone()));
        };
        let mut collected: Vec<(String, Vec<&Field>)> = Vec::new();
        for set in sets {
            self.collect(runtime_type, set, &mut collected);
        }
        let mut out = Map::new();
        for (key, fields) in &collected {
            if key == MARKER {
                continue;
            }
            let name = fields
                .first()
                .map(|field| field.name.as_str())
                .unwrap_or_default();
            let ty = self.field_type(runtime_type, name);
            let sub: Vec<&[Selection]> = fields
                .iter()
                .map(|field| field.selections.as_slice())
                .filter(|set| !set.is_empty())
                .collect();
            // async-graphql leaves a field that raised an error out of its object: it resolved
            // to null.
            let value = object.get(key).unwrap_or(&Value::Null);
            out.insert(key.clone(), self.complete(&ty, &sub, value)?);
        }
        // Keys the operation does not select stay visible (at the end), so the comparison
        // shows them instead of this pass hiding them.
        for (key, value) in object {
            if key != MARKER && !out.contains_key(key) {
                out.insert(key.clone(), value.clone());
            }
        }
        Ok(Value::Object(out))
    }

    /// The declared type of `field` on `type_name` (nullable when unknown, which hides
    /// nothing: the value is compared as is).
    fn field_type(&self, type_name: &str, field: &str) -> Type {
        if field == "__typename" {
            return Type::NonNullNamed(apollo_compiler::name!("String"));
        }
        let definition = match self.schema.types.get(type_name) {
            Some(ExtendedType::Object(object)) => object.fields.get(field).map(|f| f.ty.clone()),
            Some(ExtendedType::Interface(interface)) => {
                interface.fields.get(field).map(|f| f.ty.clone())
            }
            _ => None,
        };
        definition.unwrap_or(Type::Named(apollo_compiler::name!("String")))
    }

    /// CollectFields (spec §6.3.2) of `selections` for an object of `runtime_type`.
    fn collect<'o>(
        &'o self,
        runtime_type: &str,
        selections: &'o [Selection],
        out: &mut Vec<(String, Vec<&'o Field>)>,
    ) {
        for selection in selections {
            match selection {
                Selection::Field(field) => {
                    if !self.included(&field.directives) {
                        continue;
                    }
                    let key = field.alias.as_deref().unwrap_or(&field.name);
                    match out.iter_mut().find(|(existing, _)| existing == key) {
                        Some((_, fields)) => fields.push(field),
                        None => out.push((key.to_owned(), vec![field])),
                    }
                }
                Selection::Inline {
                    on,
                    directives,
                    selections,
                } => {
                    let applies = on
                        .as_deref()
                        .is_none_or(|on| self.applies(on, runtime_type));
                    if self.included(directives) && applies {
                        self.collect(runtime_type, selections, out);
                    }
                }
                Selection::Spread {
                    fragment,
                    directives,
                } => {
                    let Some(found) = self
                        .operation
                        .fragments
                        .iter()
                        .find(|f| &f.name == fragment)
                    else {
                        continue;
                    };
                    if self.included(directives) && self.applies(&found.on, runtime_type) {
                        self.collect(runtime_type, &found.selections, out);
                    }
                }
            }
        }
    }

    /// `@skip`/`@include` (spec §3.13): skipped when any `@skip` is true or any `@include` false.
    fn included(&self, directives: &[Directive]) -> bool {
        directives.iter().all(|directive| {
            let value = match &directive.condition {
                Arg::Literal(text) => text == "true",
                Arg::Variable(name) => self
                    .operation
                    .variables
                    .iter()
                    .find(|v| &v.name == name)
                    .and_then(|v| v.value.as_bool())
                    .unwrap_or(false),
            };
            if directive.name == "skip" {
                !value
            } else {
                value
            }
        })
    }

    /// DoesFragmentTypeApply (spec §6.3.2).
    fn applies(&self, condition: &str, runtime_type: &str) -> bool {
        if condition == runtime_type {
            return true;
        }
        match self.schema.types.get(condition) {
            Some(ExtendedType::Interface(_)) => match self.schema.types.get(runtime_type) {
                Some(ExtendedType::Object(object)) => object
                    .implements_interfaces
                    .iter()
                    .any(|interface| interface.name == condition),
                _ => false,
            },
            Some(ExtendedType::Union(union)) => union
                .members
                .iter()
                .any(|member| member.name == runtime_type),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{Fragment, Kind};
    use serde_json::json;

    fn field(key: &str, selections: Vec<Selection>) -> Selection {
        Selection::Field(Field {
            alias: None,
            name: key.to_owned(),
            arguments: Vec::new(),
            directives: Vec::new(),
            selections,
        })
    }

    fn schema() -> Valid<Schema> {
        Schema::parse_and_validate(
            "type Query { a: A s: [S] }
             type A { x: Int y: Int }
             type B { z: Int }
             union S = A | B",
            "test.graphql",
        )
        .expect("valid test schema")
    }

    #[test]
    fn fields_come_in_collect_fields_order_without_the_marker() {
        let operation = Operation {
            kind: Kind::Query,
            selections: vec![field("a", vec![field("y", vec![]), field("x", vec![])])],
            fragments: Vec::new(),
            variables: Vec::new(),
        };
        let marked = marked(&operation);
        assert!(marked.print().contains("oracleRuntimeType: __typename"));
        let data = json!({"oracleRuntimeType": "Query",
            "a": {"x": 1, "oracleRuntimeType": "A", "y": 2}});
        let shaped = shape(&schema(), &operation, &data);
        assert_eq!(
            serde_json::to_string(&shaped).expect("serializes"),
            r#"{"a":{"y":2,"x":1}}"#
        );
    }

    #[test]
    fn an_object_whose_fields_are_all_skipped_is_empty_not_null() {
        let mut skipped = field("x", vec![]);
        if let Selection::Field(f) = &mut skipped {
            f.directives.push(Directive {
                name: "skip",
                condition: Arg::Literal("true".to_owned()),
            });
        }
        let operation = Operation {
            kind: Kind::Query,
            selections: vec![field("a", vec![skipped])],
            fragments: Vec::new(),
            variables: Vec::new(),
        };
        let data = json!({"oracleRuntimeType": "Query", "a": {"oracleRuntimeType": "A"}});
        assert_eq!(shape(&schema(), &operation, &data), json!({"a": {}}));
    }

    #[test]
    fn a_left_out_field_is_null_and_a_non_null_one_nulls_its_parent() {
        let schema = Schema::parse_and_validate(
            "type Query { a: A b: A }
             type A { x: Int y: Int! }",
            "test.graphql",
        )
        .expect("valid test schema");
        let operation = Operation {
            kind: Kind::Query,
            selections: vec![
                field("a", vec![field("x", vec![])]),
                field("b", vec![field("x", vec![]), field("y", vec![])]),
            ],
            fragments: Vec::new(),
            variables: Vec::new(),
        };
        let data = json!({"oracleRuntimeType": "Query",
            "a": {"oracleRuntimeType": "A"},
            "b": {"oracleRuntimeType": "A", "x": 1}});
        assert_eq!(
            serde_json::to_string(&shape(&schema, &operation, &data)).expect("serializes"),
            r#"{"a":{"x":null},"b":null}"#
        );
    }

    #[test]
    fn fragments_apply_by_runtime_type() {
        let operation = Operation {
            kind: Kind::Query,
            selections: vec![field(
                "s",
                vec![
                    Selection::Spread {
                        fragment: "OnB".to_owned(),
                        directives: Vec::new(),
                    },
                    Selection::Inline {
                        on: Some("A".to_owned()),
                        directives: Vec::new(),
                        selections: vec![field("y", vec![]), field("x", vec![])],
                    },
                ],
            )],
            fragments: vec![Fragment {
                name: "OnB".to_owned(),
                on: "B".to_owned(),
                selections: vec![field("z", vec![])],
            }],
            variables: Vec::new(),
        };
        let data = json!({"oracleRuntimeType": "Query", "s": [
            {"x": 1, "y": 2, "oracleRuntimeType": "A"},
            {"oracleRuntimeType": "B", "z": 3},
            null]});
        assert_eq!(
            serde_json::to_string(&shape(&schema(), &operation, &data)).expect("serializes"),
            r#"{"s":[{"y":2,"x":1},{"z":3},null]}"#
        );
    }
}
