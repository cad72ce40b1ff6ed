//! Shapes the merged tree into exactly what the client asked for (spec §6.3 CollectFields and
//! §6.4.3 CompleteValue), with null propagation (§6.4.4) against the API schema types carried by
//! the normalized operation. Values are moved out of the tree, never copied.

use apollo_compiler::Schema;
use apollo_compiler::ast::{self, Type};
use apollo_compiler::schema::ExtendedType;
use operation::{Field, Selection, SelectionSet};
use serde_json::Map;

use crate::blame::PathTrie;
use crate::leaf::{self, describe};
use crate::response::{GraphQLError, codes};
use crate::rewrites::type_matches;
use crate::tree::{self, Elem};
use crate::value::{Object, Str, Value};

/// Marks a field of [`ExecutionRequest::operation`](crate::ExecutionRequest::operation) that
/// the plan leaves out because the request may not read it (authorization): the response has
/// `null` there (propagated like any null of a non-null field) and an
/// `UNAUTHORIZED_FIELD_OR_TYPE` error at each of its paths. A caller puts this directive on the
/// field; it never reaches a subgraph.
pub const UNAUTHORIZED_DIRECTIVE: &str = "__unauthorized";

fn is_unauthorized(field: &Field) -> bool {
    field.directives.has(UNAUTHORIZED_DIRECTIVE)
}

/// A null that must replace the nearest nullable ancestor; its error is already recorded.
pub(crate) struct Bubble;

pub(crate) struct Projector<'a> {
    schema: &'a Schema,
    variables: &'a Map<String, serde_json::Value>,
    /// Paths that already have an error (subgraph errors, failed fetches): a null there is
    /// explained, so null propagation adds no second error.
    reported: &'a PathTrie,
    pub errors: Vec<GraphQLError>,
    path: Vec<Elem<'a>>,
}

type Grouped<'a> = Vec<(&'a str, Vec<&'a Field>)>;

impl<'a> Projector<'a> {
    pub fn new(
        schema: &'a Schema,
        variables: &'a Map<String, serde_json::Value>,
        reported: &'a PathTrie,
    ) -> Self {
        Self {
            schema,
            variables,
            reported,
            errors: Vec::new(),
            path: Vec::with_capacity(16),
        }
    }

    /// The `data` entry: the root object, or null when a non-null root field is null.
    pub fn root(&mut self, data: Object, root: &'a SelectionSet) -> Value {
        self.complete_object(data, &root.ty, &[root])
            .unwrap_or(Value::Null)
    }

    fn complete_object(
        &mut self,
        mut source: Object,
        static_type: &'a str,
        sets: &[&'a SelectionSet],
    ) -> Result<Value, Bubble> {
        let runtime = self.runtime_type(&source, static_type)?;
        let simple = sets.len() == 1
            && sets[0].selections.iter().all(|s| match s {
                Selection::Field(f) => f.directives.is_empty(),
                Selection::InlineFragment(_) => false,
            });
        if simple {
            if let Some(failed) = self.shape_in_place(&mut source, runtime, sets[0]) {
                return if failed {
                    Err(Bubble)
                } else {
                    Ok(Value::Object(source))
                };
            }
            return self.shape_reordered(source, runtime, sets[0]);
        }
        let mut grouped: Grouped<'a> = Vec::new();
        for set in sets {
            self.collect_fields(set, runtime, &mut grouped);
        }
        let mut out = Object::with_capacity(grouped.len());
        let mut failed = false;
        for (key, fields) in &grouped {
            if fields.iter().all(|f| is_unauthorized(f)) {
                failed |= self.unauthorized(&mut source, &mut out, key, fields[0]);
                continue;
            }
            let subs: Vec<&'a SelectionSet> = fields
                .iter()
                .filter_map(|f| f.selection_set.as_ref())
                .collect();
            failed |= self
                .complete_field(&mut source, &mut out, runtime, fields[0], &subs)
                .is_err();
        }
        if failed {
            Err(Bubble)
        } else {
            Ok(Value::Object(out))
        }
    }

    /// Shapes `source` where it lies when it holds every requested field in the operation's
    /// order, which is the usual case: fetches list the client's fields first and entity
    /// answers are appended in plan order. No map is built and no key hashed; other keys are
    /// dropped. `None` (nothing changed) when a field is missing or out of order; otherwise
    /// whether a non-null field failed. `set` holds only fields without directives.
    fn shape_in_place(
        &mut self,
        source: &mut Object,
        runtime: &'a str,
        set: &'a SelectionSet,
    ) -> Option<bool> {
        let fields = &set.selections;
        let key_at = |i: usize| match &fields[i] {
            Selection::Field(f) => f.response_key().as_str(),
            Selection::InlineFragment(_) => "",
        };
        let mut next = 0;
        let mut extra = false;
        for key in source.keys() {
            if next < fields.len() && key_at(next) == key {
                next += 1;
            } else if (next..fields.len()).any(|i| key_at(i) == key) {
                return None;
            } else {
                extra = true;
            }
        }
        if next != fields.len() {
            return None;
        }
        if extra {
            let mut next = 0;
            source.retain(|key, _| {
                let keep = next < fields.len() && key_at(next) == key;
                next += usize::from(keep);
                keep
            });
        }
        let mut failed = false;
        for ((_, value), selection) in source.iter_mut().zip(fields) {
            let Selection::Field(field) = selection else {
                continue;
            };
            match self.simple_field_value(std::mem::take(value), runtime, field) {
                Ok(v) => *value = v,
                Err(Bubble) => failed = true,
            }
        }
        Some(failed)
    }

    /// Shapes `source` into a new object in the operation's order, for a set of fields without
    /// directives that [`Self::shape_in_place`] could not take as it lies (a field missing or
    /// out of order: an entity answer merged before a field the client lists first). Such a
    /// set has one field per response key (normalization merges them), so no grouping is
    /// needed.
    fn shape_reordered(
        &mut self,
        mut source: Object,
        runtime: &'a str,
        set: &'a SelectionSet,
    ) -> Result<Value, Bubble> {
        let mut out = Object::with_capacity(set.selections.len());
        let mut failed = false;
        for selection in &set.selections {
            let Selection::Field(field) = selection else {
                continue;
            };
            let key = field.response_key().as_str();
            let value = source.get_mut(key).map(Value::take).unwrap_or_default();
            match self.simple_field_value(value, runtime, field) {
                Ok(v) => out.push_unique(Str::from(key), v),
                Err(Bubble) => failed = true,
            }
        }
        if failed {
            Err(Bubble)
        } else {
            Ok(Value::Object(out))
        }
    }

    /// [`Self::field_value`] for a field of a set without directives: its own selection set is
    /// the only one to complete it with.
    fn simple_field_value(
        &mut self,
        value: Value,
        runtime: &'a str,
        field: &'a Field,
    ) -> Result<Value, Bubble> {
        match &field.selection_set {
            Some(set) => self.field_value(value, runtime, field, &[set]),
            None => self.field_value(value, runtime, field, &[]),
        }
    }

    /// The object's concrete type: the static type for object types, else its `__typename`,
    /// which must be a possible type of the static one. An interface's name (the static type
    /// or one of its subtypes) is what an `@interfaceObject` subgraph answers: it is taken as
    /// the runtime type, so only fields and fragments of the interface apply (the planner reads
    /// the concrete type elsewhere whenever the selection needs it).
    fn runtime_type(&mut self, source: &Object, static_type: &'a str) -> Result<&'a str, Bubble> {
        match self.schema.types.get_key_value(static_type) {
            Some((name, ExtendedType::Object(_))) => Ok(name.as_str()),
            Some((_, ExtendedType::Interface(_) | ExtendedType::Union(_))) => {
                let typename = source.get("__typename").and_then(Value::as_str);
                match typename.and_then(|t| self.schema.types.get_key_value(t)) {
                    Some((name, ExtendedType::Object(_)))
                        if self.schema.is_subtype(static_type, name) =>
                    {
                        Ok(name.as_str())
                    }
                    Some((name, ExtendedType::Interface(_)))
                        if name == static_type || self.schema.is_subtype(static_type, name) =>
                    {
                        Ok(name.as_str())
                    }
                    _ => {
                        let message = match typename {
                            Some(t) => format!("'{t}' is not a possible type of '{static_type}'"),
                            None => format!(
                                "an object of abstract type '{static_type}' has no '__typename'"
                            ),
                        };
                        if !self.reported.covers(&self.path) {
                            self.error_here(message);
                        }
                        Err(Bubble)
                    }
                }
            }
            _ => Ok(static_type),
        }
    }

    fn collect_fields(&self, set: &'a SelectionSet, runtime: &str, grouped: &mut Grouped<'a>) {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => {
                    if !self.included(&field.directives) {
                        continue;
                    }
                    let key = field.response_key().as_str();
                    match grouped.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, fields)) => fields.push(field),
                        None => grouped.push((key, vec![field])),
                    }
                }
                Selection::InlineFragment(fragment) => {
                    if self.included(&fragment.directives)
                        && type_matches(self.schema, &fragment.type_condition, runtime)
                    {
                        self.collect_fields(&fragment.selection_set, runtime, grouped);
                    }
                }
            }
        }
    }

    fn complete_field(
        &mut self,
        source: &mut Object,
        out: &mut Object,
        runtime: &'a str,
        field: &'a Field,
        subs: &[&'a SelectionSet],
    ) -> Result<(), Bubble> {
        let key = field.response_key().as_str();
        // Reusing the tree's key saves an allocation per field.
        let (owned_key, value) = source
            .remove_entry(key)
            .unwrap_or_else(|| (Str::from(key), Value::Null));
        out.push_unique(owned_key, self.field_value(value, runtime, field, subs)?);
        Ok(())
    }

    /// The completed value of `field` from the tree's `value` for it.
    fn field_value(
        &mut self,
        value: Value,
        runtime: &'a str,
        field: &'a Field,
        subs: &[&'a SelectionSet],
    ) -> Result<Value, Bubble> {
        if field.name == "__typename" {
            return Ok(Value::String(Str::from(runtime)));
        }
        self.path.push(Elem::Key(field.response_key()));
        let result = if field.is_meta() {
            // `__schema` / `__type`: already shaped by the introspection executor.
            if value.is_null() && field.ty.is_non_null() {
                self.violation(runtime, field);
                Err(Bubble)
            } else {
                Ok(value)
            }
        } else {
            self.complete(value, &field.ty, subs, runtime, field)
        };
        self.path.pop();
        result
    }

    fn complete(
        &mut self,
        value: Value,
        ty: &'a Type,
        subs: &[&'a SelectionSet],
        parent: &str,
        field: &'a Field,
    ) -> Result<Value, Bubble> {
        let result = match value {
            Value::Null => Ok(Value::Null),
            value => match ty {
                Type::List(inner) | Type::NonNullList(inner) => {
                    self.complete_list(value, inner, subs, parent, field)
                }
                Type::Named(name) | Type::NonNullNamed(name) => {
                    if field.selection_set.is_some() {
                        match value {
                            Value::Object(object) => self.complete_object(object, name, subs),
                            other => {
                                Err(self.invalid(parent, field, "an object", describe(&other)))
                            }
                        }
                    } else {
                        self.complete_leaf(value, name, parent, field)
                    }
                }
            },
        };
        match (result, ty.is_non_null()) {
            (Ok(Value::Null), true) => {
                self.violation(parent, field);
                Err(Bubble)
            }
            (Err(Bubble), false) => Ok(Value::Null),
            (result, _) => result,
        }
    }

    fn complete_list(
        &mut self,
        value: Value,
        item_type: &'a Type,
        subs: &[&'a SelectionSet],
        parent: &str,
        field: &'a Field,
    ) -> Result<Value, Bubble> {
        let Value::Array(items) = value else {
            return Err(self.invalid(parent, field, "a list", describe(&value)));
        };
        let mut out = Vec::with_capacity(items.len());
        let mut failed = false;
        for (i, item) in items.into_iter().enumerate() {
            self.path.push(Elem::Index(i));
            match self.complete(item, item_type, subs, parent, field) {
                Ok(v) => out.push(v),
                // Keep going: every other item's errors are still reported.
                Err(Bubble) => failed = true,
            }
            self.path.pop();
        }
        if failed {
            Err(Bubble)
        } else {
            Ok(Value::Array(out))
        }
    }

    fn complete_leaf(
        &mut self,
        value: Value,
        type_name: &str,
        parent: &str,
        field: &'a Field,
    ) -> Result<Value, Bubble> {
        leaf::coerce(self.schema, value, type_name)
            .map_err(|got| self.invalid(parent, field, type_name, got))
    }

    fn included(&self, directives: &ast::DirectiveList) -> bool {
        if directives.is_empty() {
            return true;
        }
        let condition = |name: &str| {
            directives
                .get(name)
                .and_then(|d| d.specified_argument_by_name("if"))
                .map(|v| match &**v {
                    ast::Value::Boolean(b) => *b,
                    ast::Value::Variable(var) => {
                        self.variables.get(var.as_str()) == Some(&serde_json::Value::Bool(true))
                    }
                    _ => false,
                })
        };
        condition("skip") != Some(true) && condition("include") != Some(false)
    }

    fn violation(&mut self, parent: &str, field: &Field) {
        if !self.reported.covers(&self.path) {
            self.error_here(format!(
                "Cannot return null for non-nullable field {parent}.{}",
                field.name
            ));
        }
    }

    fn invalid(&mut self, parent: &str, field: &Field, expected: &str, got: &str) -> Bubble {
        if !self.reported.covers(&self.path) {
            self.error_here(format!(
                "Invalid value from subgraph for {parent}.{}: expected {expected}, got {got}",
                field.name
            ));
        }
        Bubble
    }

    /// A field the request may not read: null with an error at its path; `true` when the null
    /// must bubble up (non-null field).
    fn unauthorized(
        &mut self,
        source: &mut Object,
        out: &mut Object,
        key: &'a str,
        field: &'a Field,
    ) -> bool {
        source.remove(key);
        self.path.push(Elem::Key(field.response_key()));
        let error = GraphQLError::new(
            "Unauthorized field or type",
            codes::UNAUTHORIZED_FIELD_OR_TYPE,
        )
        .with_path(Some(tree::to_owned_path(&self.path)));
        self.errors.push(error);
        self.path.pop();
        if field.ty.is_non_null() {
            return true;
        }
        out.push_unique(Str::from(key), Value::Null);
        false
    }

    fn error_here(&mut self, message: String) {
        let error = GraphQLError::new(message, codes::RESPONSE_VALIDATION_FAILED)
            .with_path(Some(tree::to_owned_path(&self.path)));
        self.errors.push(error);
    }
}
