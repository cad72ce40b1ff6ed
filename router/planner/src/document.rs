//! Planner input: from the `operation` crate's [`NormalizedOperation`] (what the router plans,
//! taken as it is: no printing, no second validation), or from a validated executable document
//! (the operation picked and named fragments inlined as inline fragments), so callers that only
//! have apollo-compiler can plan.

use apollo_compiler::executable::{
    ExecutableDocument, Field, InlineFragment, OperationType, Selection, SelectionSet,
    VariableDefinition,
};
use apollo_compiler::validation::Valid;
use apollo_compiler::{Node, Schema};
use operation::NormalizedOperation;

use crate::error::PlanError;
use crate::input::OperationInput;

/// An operation ready for [`crate::Planner::plan`].
#[derive(Debug, Clone)]
pub struct PreparedOperation {
    pub kind: OperationType,
    pub name: Option<String>,
    pub variables: Vec<Node<VariableDefinition>>,
    pub selection_set: SelectionSet,
}

impl PreparedOperation {
    pub fn from_document(
        document: &Valid<ExecutableDocument>,
        operation_name: Option<&str>,
    ) -> Result<Self, PlanError> {
        let operation = document
            .operations
            .get(operation_name)
            .map_err(|e| PlanError::OperationNotFound(e.message().to_string()))?;
        Ok(Self {
            kind: operation.operation_type,
            name: operation.name.as_ref().map(|n| n.to_string()),
            variables: operation.variables.clone(),
            selection_set: inline(document, &operation.selection_set),
        })
    }

    /// `operation` (normalized against `schema`, the API schema) as planner input: variable
    /// `@skip`/`@include` stay as directives and become `Condition` nodes, so the plan serves
    /// every value of those variables.
    pub fn from_normalized(
        operation: &NormalizedOperation,
        schema: &Schema,
    ) -> Result<Self, PlanError> {
        let used = operation.used_variables();
        Ok(Self {
            kind: operation.kind,
            name: operation.name.as_ref().map(|n| n.to_string()),
            variables: operation
                .variables
                .iter()
                .filter(|v| used.contains(&v.name))
                .cloned()
                .collect(),
            selection_set: from_normalized_set(schema, &operation.selection_set)?,
        })
    }

    pub fn input(&self) -> OperationInput<'_> {
        OperationInput {
            kind: self.kind,
            name: self.name.as_deref(),
            variables: &self.variables,
            selection_set: &self.selection_set,
        }
    }
}

fn inline(document: &ExecutableDocument, set: &SelectionSet) -> SelectionSet {
    let mut out = SelectionSet::new(set.ty.clone());
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                let mut field = field.clone();
                let inner = inline(document, &field.selection_set);
                field.make_mut().selection_set = inner;
                out.push(Selection::Field(field));
            }
            Selection::InlineFragment(fragment) => {
                let mut fragment = fragment.clone();
                let inner = inline(document, &fragment.selection_set);
                fragment.make_mut().selection_set = inner;
                out.push(Selection::InlineFragment(fragment));
            }
            Selection::FragmentSpread(spread) => {
                if let Some(definition) = document.fragments.get(&spread.fragment_name) {
                    out.push(Selection::InlineFragment(Node::new(InlineFragment {
                        type_condition: Some(definition.type_condition().clone()),
                        directives: spread.directives.clone(),
                        selection_set: inline(document, &definition.selection_set),
                    })));
                }
            }
        }
    }
    out
}

fn from_normalized_set(
    schema: &Schema,
    set: &operation::SelectionSet,
) -> Result<SelectionSet, PlanError> {
    let mut out = SelectionSet::new(set.ty.clone());
    for selection in &set.selections {
        match selection {
            operation::Selection::Field(field) => {
                let definition = schema
                    .type_field(&set.ty, &field.name)
                    .map_err(|_| PlanError::UnknownField {
                        coordinate: format!("{}.{}", set.ty, field.name),
                    })?
                    .node
                    .clone();
                let mut out_field = Field::new(field.name.clone(), definition)
                    .with_opt_alias(field.alias.clone())
                    .with_arguments(field.arguments.iter().cloned())
                    .with_directives(field.directives.iter().cloned());
                if let Some(sub) = &field.selection_set {
                    out_field.selection_set = nested_set(schema, sub)?;
                }
                out.push(out_field);
            }
            operation::Selection::InlineFragment(fragment) => {
                let inner = nested_set(schema, &fragment.selection_set)?;
                out.push(InlineFragment {
                    type_condition: Some(fragment.type_condition.clone()),
                    directives: fragment.directives.clone(),
                    selection_set: inner,
                });
            }
        }
    }
    Ok(out)
}

/// A field's or inline fragment's selection set. When everything in it was skipped by a
/// literal condition or removed by authorization it selects `__typename`: still valid GraphQL
/// for the subgraph, where an empty set is not.
fn nested_set(schema: &Schema, set: &operation::SelectionSet) -> Result<SelectionSet, PlanError> {
    let mut out = from_normalized_set(schema, set)?;
    if out.selections.is_empty() {
        let typename = out
            .new_field(schema, apollo_compiler::name!("__typename"))
            .map_err(|_| PlanError::UnknownField {
                coordinate: format!("{}.__typename", set.ty),
            })?;
        out.push(typename);
    }
    Ok(out)
}
