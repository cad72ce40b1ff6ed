//! Valid operations built from a schema by `arbitrary` choices: nested selections, aliases,
//! inline fragments and named fragments on abstract types, arguments (literals and variables
//! with defaults), `@skip`/`@include`. Every response key is unique within the fields that
//! merge together, so the result is valid by construction: a rejection is a finding.

use std::collections::HashSet;
use std::fmt::Write;

use arbitrary::{Result, Unstructured};
use operation::apollo_compiler::Schema;
use operation::apollo_compiler::ast::{OperationType, Type};
use operation::apollo_compiler::schema::{ExtendedType, FieldDefinition};

/// How deep selections nest below the root.
const MAX_DEPTH: usize = 5;
/// At most this many fields in one operation, so an input cannot ask for an exponential tree.
const MAX_FIELDS: usize = 80;
/// Strings drawn for `String`/`ID` arguments: the seed data's ids and awkward text.
const STRINGS: &[&str] = &[
    "u1",
    "u2",
    "p1",
    "p2",
    "p3",
    "c1",
    "r1",
    "",
    "x",
    "\\\"quoted\\\"",
    "é€😀",
    "\\n\\t",
];

/// One generated operation: its text and the operation's kind.
#[derive(Debug, Clone)]
pub struct Generated {
    pub text: String,
    pub kind: OperationType,
}

pub fn operation(schema: &Schema, u: &mut Unstructured<'_>) -> Result<Generated> {
    let mut kinds = vec![OperationType::Query];
    if schema.root_operation(OperationType::Mutation).is_some() {
        kinds.push(OperationType::Mutation);
    }
    let kind = *u.choose(&kinds)?;
    let Some(root) = schema.root_operation(kind) else {
        return Err(arbitrary::Error::IncorrectFormat);
    };
    let mut generator = Generator {
        schema,
        fields: 0,
        variables: Vec::new(),
        fragments: Vec::new(),
        next: 0,
    };
    let mut keys = HashSet::new();
    let body = generator.selection_set(u, root.as_str(), 0, &mut keys)?;
    let mut text = String::new();
    text.push_str(match kind {
        OperationType::Query => "query",
        OperationType::Mutation => "mutation",
        OperationType::Subscription => "subscription",
    });
    if u.arbitrary::<bool>()? {
        text.push_str(" Op");
    }
    if !generator.variables.is_empty() {
        text.push('(');
        text.push_str(&generator.variables.join(", "));
        text.push(')');
    }
    text.push(' ');
    text.push_str(&body);
    for fragment in &generator.fragments {
        text.push('\n');
        text.push_str(fragment);
    }
    Ok(Generated { text, kind })
}

struct Generator<'s> {
    schema: &'s Schema,
    fields: usize,
    /// Variable definitions, each with a default so that empty variables coerce.
    variables: Vec<String>,
    /// Named fragment definitions, each spread exactly once.
    fragments: Vec<String>,
    next: usize,
}

impl Generator<'_> {
    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// `{ ... }` on `ty`; `keys` are the response keys already used by the fields this set
    /// merges with (its parent's and sibling fragments').
    fn selection_set(
        &mut self,
        u: &mut Unstructured<'_>,
        ty: &str,
        depth: usize,
        keys: &mut HashSet<String>,
    ) -> Result<String> {
        let count = u.int_in_range(1..=4)?;
        let mut items = Vec::new();
        for _ in 0..count {
            if let Some(item) = self.selection(u, ty, depth, keys)? {
                items.push(item);
            }
        }
        if items.is_empty() {
            // Always valid and always there: the set must not be empty.
            items.push(self.typename(u, keys)?);
        }
        Ok(format!("{{ {} }}", items.join(" ")))
    }

    fn selection(
        &mut self,
        u: &mut Unstructured<'_>,
        ty: &str,
        depth: usize,
        keys: &mut HashSet<String>,
    ) -> Result<Option<String>> {
        if self.fields >= MAX_FIELDS {
            return Ok(None);
        }
        let fields = self.fields_of(ty);
        match u.int_in_range(0..=9)? {
            0 => self.typename(u, keys).map(Some),
            1 | 2 => self.fragment(u, ty, depth, keys, false),
            3 => self.fragment(u, ty, depth, keys, true),
            _ if fields.is_empty() => self.fragment(u, ty, depth, keys, false),
            _ => {
                let field = *u.choose(&fields)?;
                let field = field.clone();
                self.field(u, &field, depth, keys)
            }
        }
    }

    fn typename(&mut self, u: &mut Unstructured<'_>, keys: &mut HashSet<String>) -> Result<String> {
        self.fields += 1;
        let key = self.key(u, "__typename", keys)?;
        Ok(key)
    }

    /// The response key for `name`: the name itself when free, else a fresh alias.
    fn key(
        &mut self,
        u: &mut Unstructured<'_>,
        name: &str,
        keys: &mut HashSet<String>,
    ) -> Result<String> {
        if !keys.contains(name) && u.ratio(3, 4)? {
            keys.insert(name.to_string());
            return Ok(name.to_string());
        }
        let alias = self.fresh("a");
        keys.insert(alias.clone());
        Ok(format!("{alias}: {name}"))
    }

    fn field(
        &mut self,
        u: &mut Unstructured<'_>,
        field: &FieldDefinition,
        depth: usize,
        keys: &mut HashSet<String>,
    ) -> Result<Option<String>> {
        let inner = field.ty.inner_named_type();
        let composite = self.is_composite(inner);
        if composite && depth >= MAX_DEPTH {
            return Ok(None);
        }
        self.fields += 1;
        let mut text = self.key(u, &field.name, keys)?;
        let mut arguments = Vec::new();
        for argument in &field.arguments {
            let required = argument.ty.is_non_null() && argument.default_value.is_none();
            if required || u.ratio(1, 3)? {
                let value = self.argument_value(u, &argument.ty)?;
                arguments.push(format!("{}: {value}", argument.name));
            }
        }
        if !arguments.is_empty() {
            write!(text, "({})", arguments.join(", ")).expect("writing to a String");
        }
        text.push_str(&self.directives(u)?);
        if composite {
            let mut inner_keys = HashSet::new();
            let set = self.selection_set(u, inner.as_str(), depth + 1, &mut inner_keys)?;
            text.push(' ');
            text.push_str(&set);
        }
        Ok(Some(text))
    }

    /// An inline fragment, or a named one spread here, on a type that can apply to `ty`.
    fn fragment(
        &mut self,
        u: &mut Unstructured<'_>,
        ty: &str,
        depth: usize,
        keys: &mut HashSet<String>,
        named: bool,
    ) -> Result<Option<String>> {
        if depth >= MAX_DEPTH {
            return Ok(None);
        }
        let conditions = self.conditions(ty);
        let condition = u.choose(&conditions)?.clone();
        let directives = self.directives(u)?;
        // The fragment's fields merge with the enclosing set's: same keys.
        let set = self.selection_set(u, &condition, depth + 1, keys)?;
        if named {
            let name = self.fresh("F");
            self.fragments
                .push(format!("fragment {name} on {condition} {set}"));
            Ok(Some(format!("...{name}{directives}")))
        } else if !directives.is_empty() && u.arbitrary::<bool>()? && condition == ty {
            Ok(Some(format!("...{directives} {set}")))
        } else {
            Ok(Some(format!("... on {condition}{directives} {set}")))
        }
    }

    fn directives(&mut self, u: &mut Unstructured<'_>) -> Result<String> {
        let mut text = String::new();
        for directive in ["skip", "include"] {
            if u.ratio(1, 8)? {
                let condition = if u.arbitrary::<bool>()? {
                    u.arbitrary::<bool>()?.to_string()
                } else {
                    let default = u.arbitrary::<bool>()?;
                    self.variable("Boolean!", &default.to_string())
                };
                write!(text, " @{directive}(if: {condition})").expect("writing to a String");
            }
        }
        Ok(text)
    }

    /// Declares a fresh variable of `ty` with `default` and names it.
    fn variable(&mut self, ty: &str, default: &str) -> String {
        let name = self.fresh("v");
        self.variables.push(format!("${name}: {ty} = {default}"));
        format!("${name}")
    }

    fn argument_value(&mut self, u: &mut Unstructured<'_>, ty: &Type) -> Result<String> {
        let literal = self.value(u, ty, 0)?;
        if u.ratio(1, 4)? {
            Ok(self.variable(&ty.to_string(), &literal))
        } else {
            Ok(literal)
        }
    }

    /// A literal of `ty` (constant: usable as a variable default).
    fn value(&mut self, u: &mut Unstructured<'_>, ty: &Type, depth: usize) -> Result<String> {
        if !ty.is_non_null() && u.ratio(1, 10)? {
            return Ok("null".to_string());
        }
        if ty.is_list() {
            let item = ty.item_type();
            if u.ratio(1, 4)? {
                // Input coercion: a single value stands for a list of one.
                return self.value(u, item, depth);
            }
            let count = u.int_in_range(0..=3)?;
            let mut items = Vec::new();
            for _ in 0..count {
                items.push(self.value(u, item, depth + 1)?);
            }
            return Ok(format!("[{}]", items.join(", ")));
        }
        let name = ty.inner_named_type();
        Ok(match name.as_str() {
            "Int" => u.int_in_range(-3..=1000)?.to_string(),
            "Float" => format!("{}.5", u.int_in_range(-3..=100)?),
            "Boolean" => u.arbitrary::<bool>()?.to_string(),
            "String" => format!("\"{}\"", u.choose(STRINGS)?),
            "ID" => {
                if u.ratio(1, 5)? {
                    u.int_in_range(0..=50)?.to_string()
                } else {
                    format!("\"{}\"", u.choose(STRINGS)?)
                }
            }
            _ => match self.schema.types.get(name) {
                Some(ExtendedType::Enum(e)) => {
                    let values: Vec<_> = e.values.keys().collect();
                    if values.is_empty() {
                        return Err(arbitrary::Error::IncorrectFormat);
                    }
                    u.choose(&values)?.to_string()
                }
                Some(ExtendedType::InputObject(input)) => {
                    let mut fields = Vec::new();
                    for (field_name, field) in &input.fields {
                        let required = field.ty.is_non_null() && field.default_value.is_none();
                        if required || (depth < 3 && u.ratio(1, 2)?) {
                            let value = self.value(u, &field.ty, depth + 1)?;
                            fields.push(format!("{field_name}: {value}"));
                        }
                    }
                    format!("{{{}}}", fields.join(", "))
                }
                // Custom scalars take any literal.
                _ => format!("\"{}\"", u.choose(STRINGS)?),
            },
        })
    }

    fn fields_of(&self, ty: &str) -> Vec<&'_ FieldDefinition> {
        let fields = match self.schema.types.get(ty) {
            Some(ExtendedType::Object(object)) => &object.fields,
            Some(ExtendedType::Interface(interface)) => &interface.fields,
            _ => return Vec::new(),
        };
        fields
            .values()
            .map(|f| &f.node)
            .filter(|f| !f.name.starts_with("__"))
            .map(|f| &**f)
            .collect()
    }

    fn is_composite(&self, ty: &str) -> bool {
        matches!(
            self.schema.types.get(ty),
            Some(ExtendedType::Object(_) | ExtendedType::Interface(_) | ExtendedType::Union(_))
        )
    }

    /// Type conditions that can apply inside a selection on `ty`: itself, its possible types
    /// and, for an object, the interfaces it implements.
    fn conditions(&self, ty: &str) -> Vec<String> {
        let mut conditions = vec![ty.to_string()];
        match self.schema.types.get(ty) {
            Some(ExtendedType::Object(object)) => {
                conditions.extend(object.implements_interfaces.iter().map(|i| i.to_string()));
            }
            Some(ExtendedType::Interface(_) | ExtendedType::Union(_)) => {
                conditions.extend(
                    self.schema
                        .types
                        .iter()
                        .filter(|(_, t)| matches!(t, ExtendedType::Object(_)))
                        .filter(|(name, _)| self.schema.is_subtype(ty, name))
                        .map(|(name, _)| name.to_string()),
                );
            }
            _ => {}
        }
        conditions
    }
}
