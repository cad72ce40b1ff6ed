//! Is a client response valid for its operation (spec, "Response" and "Value completion")?
//! Every object has exactly the keys its selection asks for the object's type, in selection
//! order; no `null` where the type is non-null (null propagation must have moved it up); leaf
//! values of their scalar or enum type; `data: null` only with errors.

use operation::apollo_compiler::Schema;
use operation::apollo_compiler::ast::{Type, Value as AstValue};
use operation::apollo_compiler::schema::ExtendedType;
use operation::{NormalizedOperation, Selection, SelectionSet};
use serde_json::{Map, Value};

pub struct Checker<'a> {
    pub schema: &'a Schema,
    pub variables: &'a Map<String, Value>,
}

impl Checker<'_> {
    /// `response` is the serialized client response.
    pub fn response(
        &self,
        operation: &NormalizedOperation,
        response: &Value,
    ) -> Result<(), String> {
        let errors = match response.get("errors") {
            None => 0,
            Some(Value::Array(errors)) => {
                for error in errors {
                    if !error.get("message").is_some_and(Value::is_string) {
                        return Err(format!("an error without a message: {error}"));
                    }
                }
                errors.len()
            }
            Some(other) => return Err(format!("errors is not a list: {other}")),
        };
        match response.get("data") {
            Some(Value::Null) | None if errors == 0 => Err("no data and no errors".to_string()),
            Some(Value::Null) | None => Ok(()),
            Some(data) => self.object(data, &operation.selection_set, "data"),
        }
    }

    fn object(&self, value: &Value, set: &SelectionSet, path: &str) -> Result<(), String> {
        let Value::Object(object) = value else {
            return Err(format!("{path}: {value} is not an object"));
        };
        let typename = object.get("__typename").and_then(Value::as_str);
        let concrete = match self.schema.types.get(&set.ty) {
            Some(ExtendedType::Object(_)) => Some(set.ty.as_str()),
            _ => typename,
        };
        if let Some(typename) = typename
            && typename != set.ty.as_str()
            && !self.schema.is_subtype(&set.ty, typename)
        {
            return Err(format!("{path}: __typename {typename} is not a {}", set.ty));
        }
        let mut fields = Vec::new();
        self.collect(set, concrete, &mut fields);
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        match concrete {
            Some(_) => {
                let expected: Vec<&str> =
                    fields.iter().map(|f| f.response_key().as_str()).collect();
                if keys != expected {
                    return Err(format!(
                        "{path}: keys {keys:?}, the selection asks {expected:?}"
                    ));
                }
            }
            None => {
                // The runtime type is not in the response: only what no type condition guards
                // must be there, and nothing the selection does not ask.
                let mut all = Vec::new();
                self.collect_all(set, &mut all);
                if let Some(extra) = keys
                    .iter()
                    .find(|k| !all.iter().any(|f| f.response_key().as_str() == **k))
                {
                    return Err(format!("{path}: {extra} was not asked for"));
                }
            }
        }
        let mut all = Vec::new();
        self.collect_all(set, &mut all);
        for (key, value) in object {
            let Some(field) = fields
                .iter()
                .chain(all.iter())
                .find(|f| f.response_key().as_str() == key.as_str())
            else {
                continue;
            };
            let path = format!("{path}.{key}");
            if field.name == "__typename" {
                if !value.is_string() {
                    return Err(format!("{path}: __typename {value}"));
                }
                continue;
            }
            self.value(value, &field.ty, field.selection_set.as_ref(), &path)?;
        }
        Ok(())
    }

    fn value(
        &self,
        value: &Value,
        ty: &Type,
        set: Option<&SelectionSet>,
        path: &str,
    ) -> Result<(), String> {
        if value.is_null() {
            return if ty.is_non_null() {
                Err(format!("{path}: null for {ty}"))
            } else {
                Ok(())
            };
        }
        if ty.is_list() {
            let Value::Array(items) = value else {
                return Err(format!("{path}: {value} for {ty}"));
            };
            for (i, item) in items.iter().enumerate() {
                self.value(item, ty.item_type(), set, &format!("{path}.{i}"))?;
            }
            return Ok(());
        }
        if let Some(set) = set {
            return self.object(value, set, path);
        }
        let name = ty.inner_named_type().as_str();
        let fits = match name {
            "Int" => value.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
            "Float" => value.is_number(),
            "String" => value.is_string(),
            "Boolean" => value.is_boolean(),
            "ID" => value.is_string(),
            _ => match self.schema.types.get(name) {
                Some(ExtendedType::Enum(e)) => {
                    value.as_str().is_some_and(|v| e.values.contains_key(v))
                }
                _ => true,
            },
        };
        if fits {
            Ok(())
        } else {
            Err(format!("{path}: {value} is not a {name}"))
        }
    }

    /// The fields of `set` that apply to an object of type `concrete` (unknown: only those
    /// under no type condition), first occurrence of each response key.
    fn collect<'s>(
        &self,
        set: &'s SelectionSet,
        concrete: Option<&str>,
        out: &mut Vec<&'s operation::Field>,
    ) {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => {
                    if self.included(&field.directives)
                        && !out.iter().any(|f| f.response_key() == field.response_key())
                    {
                        out.push(field);
                    }
                }
                Selection::InlineFragment(fragment) => {
                    let applies = match concrete {
                        Some(concrete) => {
                            fragment.type_condition == concrete
                                || self.schema.is_subtype(&fragment.type_condition, concrete)
                        }
                        None => fragment.type_condition == set.ty,
                    };
                    if applies && self.included(&fragment.directives) {
                        self.collect(&fragment.selection_set, concrete, out);
                    }
                }
            }
        }
    }

    fn collect_all<'s>(&self, set: &'s SelectionSet, out: &mut Vec<&'s operation::Field>) {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => out.push(field),
                Selection::InlineFragment(fragment) => {
                    self.collect_all(&fragment.selection_set, out)
                }
            }
        }
    }

    fn included(&self, directives: &operation::apollo_compiler::ast::DirectiveList) -> bool {
        let condition = |name: &str| {
            directives
                .get(name)
                .and_then(|d| d.specified_argument_by_name("if"))
                .map(|v| match &**v {
                    AstValue::Boolean(b) => *b,
                    AstValue::Variable(var) => self
                        .variables
                        .get(var.as_str())
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    _ => false,
                })
        };
        condition("skip") != Some(true) && condition("include") != Some(false)
    }
}
