//! The normalized operation: what the planner works from.
//!
//! Compared with the client's document it has no fragment spreads (fragments are inlined),
//! no literal `@skip`/`@include` (evaluated), no inline fragment without directives whose type
//! condition is always true (flattened into the parent), and no two selections that could be one
//! (fields with the same response key and the same conditions are merged, as are inline
//! fragments with the same type condition and directives), except where merging would change
//! the order of the response's keys: a repeated field after a fragment or after the same key
//! under other conditions, and a fragment repeated after other selections, stay apart, and the
//! executor merges them in document order. `@skip`/`@include` whose `if` is a
//! variable stay on their field or inline fragment (first in its directives): the planner turns
//! them into `Condition` nodes and the executor evaluates them per request. Selections keep the
//! order in which they first appear in the document, which is the order of keys in the response.
//! A `NormalizedOperation` depends on the document alone, never on variable values, and two
//! documents that ask for the same thing normalize to equal values, so it can key a query plan
//! cache.

use apollo_compiler::ast::{self, OperationType, Value};
use apollo_compiler::{Name, Node};
use indexmap::IndexSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NormalizedOperation {
    pub kind: OperationType,
    pub name: Option<Name>,
    /// Every variable the client declared, including ones only used in removed selections.
    pub variables: Vec<Node<ast::VariableDefinition>>,
    pub directives: ast::DirectiveList,
    pub selection_set: SelectionSet,
}

/// Selections on one parent type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SelectionSet {
    /// The parent type: an object, interface or union of the API schema.
    pub ty: Name,
    pub selections: Vec<Selection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Selection {
    Field(Field),
    InlineFragment(InlineFragment),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    pub alias: Option<Name>,
    pub name: Name,
    /// Arguments as written (variables stay `$name` references), sorted by name.
    pub arguments: Vec<Node<ast::Argument>>,
    /// `@skip`/`@include` with a variable first, then the other directives.
    pub directives: ast::DirectiveList,
    /// The field's type in the API schema, e.g. `[Review!]!`.
    pub ty: ast::Type,
    /// `None` for leaf fields (scalars, enums, `__typename`). `Some` with no selections when every
    /// sub-selection was skipped: the response then has an empty object there.
    pub selection_set: Option<SelectionSet>,
}

/// Selections that apply only when the runtime type is (a subtype of) `type_condition`, and
/// its directives (variable `@skip`/`@include` first) allow. Without directives, only found
/// under an abstract parent type: under an object type those are always flattened.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InlineFragment {
    pub type_condition: Name,
    /// `@skip`/`@include` with a variable first, then the other directives.
    pub directives: ast::DirectiveList,
    pub selection_set: SelectionSet,
}

impl Field {
    /// The key of this field in the response: the alias if there is one, else the name.
    pub fn response_key(&self) -> &Name {
        self.alias.as_ref().unwrap_or(&self.name)
    }

    /// `__typename`, `__schema` or `__type`.
    pub fn is_meta(&self) -> bool {
        self.name.starts_with("__")
    }
}

impl NormalizedOperation {
    /// True when a query asks for `__schema` or `__type`, answered by
    /// [`crate::Compiler::introspect`] rather than by a subgraph.
    pub fn has_schema_introspection(&self) -> bool {
        self.kind == OperationType::Query
            && self
                .root_fields()
                .any(|f| f.name == "__schema" || f.name == "__type")
    }

    /// True when no root field needs a subgraph: every one is `__schema`, `__type` or
    /// `__typename` (also true for an operation whose root fields were all skipped).
    pub fn is_introspection_only(&self) -> bool {
        self.root_fields().all(Field::is_meta)
    }

    /// The operation with the root meta-fields (`__schema`, `__type`, `__typename`) removed,
    /// also from root inline fragments (which then go when empty): what is left for the
    /// planner. For queries those fields are answered by [`crate::Compiler::introspect`]; for
    /// mutations and subscriptions the root `__typename` is just the root type's name.
    pub fn without_introspection(&self) -> NormalizedOperation {
        fn strip(set: &mut SelectionSet) {
            set.selections.retain_mut(|s| match s {
                Selection::Field(f) => !f.is_meta(),
                Selection::InlineFragment(fragment) => {
                    strip(&mut fragment.selection_set);
                    !fragment.selection_set.selections.is_empty()
                }
            });
        }
        let mut operation = self.clone();
        strip(&mut operation.selection_set);
        operation
    }

    /// The root fields, also those in root inline fragments (conditional ones included).
    pub fn root_fields(&self) -> impl Iterator<Item = &Field> {
        let mut stack = vec![self.selection_set.selections.iter()];
        std::iter::from_fn(move || {
            loop {
                let top = stack.last_mut()?;
                match top.next() {
                    Some(Selection::Field(f)) => return Some(f),
                    Some(Selection::InlineFragment(fragment)) => {
                        stack.push(fragment.selection_set.selections.iter());
                    }
                    None => {
                        stack.pop();
                    }
                }
            }
        })
    }

    /// The variables referenced by the remaining selections, in order of first use.
    pub fn used_variables(&self) -> IndexSet<Name> {
        let mut used = IndexSet::new();
        directive_variables(&self.directives, &mut used);
        self.selection_set.collect_variables(&mut used);
        used
    }

    /// The operation as GraphQL syntax, declaring only the variables still in use (GraphQL
    /// forbids unused ones); see [`SelectionSet::to_ast`] for empty selection sets.
    pub fn to_ast(&self) -> ast::OperationDefinition {
        let used = self.used_variables();
        ast::OperationDefinition {
            operation_type: self.kind,
            name: self.name.clone(),
            variables: self
                .variables
                .iter()
                .filter(|v| used.contains(&v.name))
                .cloned()
                .collect(),
            directives: self.directives.clone(),
            selection_set: self.selection_set.to_ast(),
        }
    }

    /// The operation on one line, e.g. for logs or as a cache key.
    pub fn to_compact_string(&self) -> String {
        self.to_ast().serialize().no_indent().to_string()
    }
}

impl SelectionSet {
    /// Adds the variables referenced by arguments and directives in this selection set.
    pub fn collect_variables(&self, used: &mut IndexSet<Name>) {
        for selection in &self.selections {
            match selection {
                Selection::Field(field) => {
                    for argument in &field.arguments {
                        value_variables(&argument.value, used);
                    }
                    directive_variables(&field.directives, used);
                    if let Some(set) = &field.selection_set {
                        set.collect_variables(used);
                    }
                }
                Selection::InlineFragment(fragment) => {
                    directive_variables(&fragment.directives, used);
                    fragment.selection_set.collect_variables(used);
                }
            }
        }
    }

    /// The selections as GraphQL syntax. Where every sub-selection was skipped the syntax gets
    /// `__typename`, so that the printed operation stays valid GraphQL (for a subgraph or a
    /// second validation); `self.selections` stays empty.
    pub fn to_ast(&self) -> Vec<ast::Selection> {
        if self.selections.is_empty() {
            return vec![ast::Selection::Field(Node::new(ast::Field {
                alias: None,
                name: apollo_compiler::name!("__typename"),
                arguments: Vec::new(),
                directives: ast::DirectiveList::new(),
                selection_set: Vec::new(),
            }))];
        }
        self.selections
            .iter()
            .map(|selection| match selection {
                Selection::Field(f) => ast::Selection::Field(Node::new(ast::Field {
                    alias: f.alias.clone(),
                    name: f.name.clone(),
                    arguments: f.arguments.clone(),
                    directives: f.directives.clone(),
                    selection_set: f
                        .selection_set
                        .as_ref()
                        .map(SelectionSet::to_ast)
                        .unwrap_or_default(),
                })),
                Selection::InlineFragment(i) => {
                    ast::Selection::InlineFragment(Node::new(ast::InlineFragment {
                        type_condition: Some(i.type_condition.clone()),
                        directives: i.directives.clone(),
                        selection_set: i.selection_set.to_ast(),
                    }))
                }
            })
            .collect()
    }
}

fn directive_variables(directives: &ast::DirectiveList, used: &mut IndexSet<Name>) {
    for directive in directives.iter() {
        for argument in &directive.arguments {
            value_variables(&argument.value, used);
        }
    }
}

fn value_variables(value: &Value, used: &mut IndexSet<Name>) {
    match value {
        Value::Variable(name) => {
            used.insert(name.clone());
        }
        Value::List(items) => items.iter().for_each(|v| value_variables(v, used)),
        Value::Object(fields) => fields.iter().for_each(|(_, v)| value_variables(v, used)),
        Value::Null
        | Value::Enum(_)
        | Value::String(_)
        | Value::Float(_)
        | Value::Int(_)
        | Value::Boolean(_) => {}
    }
}

impl fmt::Display for NormalizedOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_ast().fmt(f)
    }
}
