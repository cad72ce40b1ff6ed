//! Planner input from a validated executable document: picks the operation and inlines named
//! fragments as inline fragments (what `operation` normalization also does), so callers that
//! only have apollo-compiler can plan.

use apollo_compiler::Node;
use apollo_compiler::executable::{
    ExecutableDocument, InlineFragment, OperationType, Selection, SelectionSet, VariableDefinition,
};
use apollo_compiler::validation::Valid;

use crate::OperationInput;
use crate::error::PlanError;

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
