//! The selection trees fetch groups build up: fields and inline fragments, merged as they are
//! added, printed as GraphQL.

use std::fmt::Write;

use apollo_compiler::Name;
use apollo_compiler::Node;
use apollo_compiler::ast::{Argument, DirectiveList, Value};

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Sel {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Field(FieldSel),
    Fragment(FragmentSel),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldSel {
    pub alias: Option<Name>,
    pub name: Name,
    pub arguments: Vec<Node<Argument>>,
    pub directives: DirectiveList,
    /// `None` for leaf fields.
    pub sub: Option<Sel>,
    /// The field's type in the subgraph, to detect response-shape conflicts.
    pub subgraph_type: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FragmentSel {
    pub type_condition: Option<Name>,
    pub directives: DirectiveList,
    pub sub: Sel,
}

impl FieldSel {
    /// `__typename`, unaliased.
    pub fn typename() -> FieldSel {
        FieldSel {
            alias: None,
            name: apollo_compiler::name!("__typename"),
            arguments: Vec::new(),
            directives: DirectiveList::default(),
            sub: None,
            subgraph_type: "String!".into(),
        }
    }

    pub fn response_key(&self) -> &Name {
        self.alias.as_ref().unwrap_or(&self.name)
    }

    fn same_field(&self, other: &FieldSel) -> bool {
        self.response_key() == other.response_key()
            && self.name == other.name
            && self.arguments == other.arguments
            && self.directives == other.directives
    }
}

impl Sel {
    /// Adds a field (merging with an identical one) and returns its index.
    pub fn add_field(&mut self, field: FieldSel) -> usize {
        if let Some(i) = self.items.iter().position(|item| match item {
            Item::Field(existing) => existing.same_field(&field),
            Item::Fragment(_) => false,
        }) {
            if let (Item::Field(existing), Some(sub)) = (&mut self.items[i], field.sub) {
                match &mut existing.sub {
                    Some(existing_sub) => existing_sub.merge(sub),
                    None => existing.sub = Some(sub),
                }
            }
            return i;
        }
        self.items.push(Item::Field(field));
        self.items.len() - 1
    }

    /// Adds an inline fragment (merging with an identical one) and returns its index.
    pub fn add_fragment(
        &mut self,
        type_condition: Option<Name>,
        directives: DirectiveList,
    ) -> usize {
        if let Some(i) = self.items.iter().position(|item| match item {
            Item::Fragment(f) => f.type_condition == type_condition && f.directives == directives,
            Item::Field(_) => false,
        }) {
            return i;
        }
        self.items.push(Item::Fragment(FragmentSel {
            type_condition,
            directives,
            sub: Sel::default(),
        }));
        self.items.len() - 1
    }

    pub fn merge(&mut self, other: Sel) {
        for item in other.items {
            match item {
                Item::Field(field) => {
                    self.add_field(field);
                }
                Item::Fragment(fragment) => {
                    let i = self.add_fragment(fragment.type_condition, fragment.directives);
                    if let Item::Fragment(existing) = &mut self.items[i] {
                        existing.sub.merge(fragment.sub);
                    }
                }
            }
        }
    }

    /// The sub-selection reached by following item indices.
    pub fn at_mut(&mut self, cursor: &[usize]) -> &mut Sel {
        let mut sel = self;
        for &i in cursor {
            sel = match &mut sel.items[i] {
                Item::Field(f) => f.sub.get_or_insert_with(Sel::default),
                Item::Fragment(f) => &mut f.sub,
            };
        }
        sel
    }

    /// Whether the set can select nothing: every item is under `@skip`/`@include`, or is an
    /// unconditional fragment that can itself select nothing.
    fn may_be_empty(&self) -> bool {
        !self.items.is_empty()
            && self.items.iter().all(|item| match item {
                Item::Field(f) => !f.directives.is_empty(),
                Item::Fragment(f) => !f.directives.is_empty() || f.sub.may_be_empty(),
            })
    }

    /// Whether some item of the set is conditional at all.
    fn has_condition(&self) -> bool {
        self.items.iter().any(|item| match item {
            Item::Field(f) => !f.directives.is_empty(),
            Item::Fragment(f) => !f.directives.is_empty() || f.sub.has_condition(),
        })
    }

    /// Compact GraphQL: `{ a b { c } }`.
    ///
    /// A set whose every selection is conditional also gets `__typename`: a subgraph answers an
    /// object with no field selected as `null` (async-graphql does) where the spec's answer is
    /// `{}`, and that `null` would reach the client, or null a non-null parent.
    pub fn print_compact(&self, out: &mut String) {
        self.print_set(out, true);
    }

    /// `guard`: whether this set is an object's own (a fragment's set shares its object's, which
    /// already has the `__typename` it needs).
    fn print_set(&self, out: &mut String, guard: bool) {
        out.push('{');
        if guard && self.may_be_empty() && self.has_condition() {
            out.push_str(" __typename");
        }
        for item in &self.items {
            out.push(' ');
            match item {
                Item::Field(f) => {
                    if let Some(alias) = &f.alias {
                        let _ = write!(out, "{alias}: ");
                    }
                    out.push_str(&f.name);
                    print_arguments(&f.arguments, out);
                    print_directives(&f.directives, out);
                    if let Some(sub) = &f.sub {
                        out.push(' ');
                        sub.print_set(out, true);
                    }
                }
                Item::Fragment(f) => {
                    out.push_str("...");
                    if let Some(tc) = &f.type_condition {
                        let _ = write!(out, " on {tc}");
                    }
                    print_directives(&f.directives, out);
                    out.push(' ');
                    f.sub.print_set(out, false);
                }
            }
        }
        out.push_str(" }");
    }

    /// Variables used by arguments and directives, in first-use order.
    pub fn collect_variables(&self, out: &mut Vec<Name>) {
        for item in &self.items {
            match item {
                Item::Field(f) => {
                    for arg in &f.arguments {
                        collect_value_variables(&arg.value, out);
                    }
                    collect_directive_variables(&f.directives, out);
                    if let Some(sub) = &f.sub {
                        sub.collect_variables(out);
                    }
                }
                Item::Fragment(f) => {
                    collect_directive_variables(&f.directives, out);
                    f.sub.collect_variables(out);
                }
            }
        }
    }
}

fn print_arguments(arguments: &[Node<Argument>], out: &mut String) {
    if arguments.is_empty() {
        return;
    }
    out.push('(');
    for (i, arg) in arguments.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{}: {}", arg.name, arg.value);
    }
    out.push(')');
}

fn print_directives(directives: &DirectiveList, out: &mut String) {
    for directive in directives.iter() {
        let _ = write!(out, " {directive}");
    }
}

fn collect_directive_variables(directives: &DirectiveList, out: &mut Vec<Name>) {
    for directive in directives.iter() {
        for arg in &directive.arguments {
            collect_value_variables(&arg.value, out);
        }
    }
}

fn collect_value_variables(value: &Value, out: &mut Vec<Name>) {
    match value {
        Value::Variable(name) if !out.contains(name) => out.push(name.clone()),
        Value::List(items) => items.iter().for_each(|v| collect_value_variables(v, out)),
        Value::Object(fields) => fields
            .iter()
            .for_each(|(_, v)| collect_value_variables(v, out)),
        _ => {}
    }
}
