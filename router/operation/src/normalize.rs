//! Builds a [`NormalizedOperation`] from a validated operation. Depends on the document alone
//! (never on variable values), so it is done once per parsed document.
//!
//! Follows the spec's CollectFields, except that fragments whose type condition may not hold
//! are kept (grouped by type condition) rather than resolved, because the runtime type is only
//! known once subgraphs answer, and that `@skip`/`@include` with a variable are kept (selections
//! with different conditions are not merged); literal conditions are evaluated.

use crate::config::Limits;
use crate::error::{LimitKind, OperationError};
use crate::normalized::{Field, InlineFragment, NormalizedOperation, Selection, SelectionSet};
use apollo_compiler::ast::{self, DirectiveList, Value};
use apollo_compiler::executable::{self, Operation};
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};
use std::collections::HashMap;

pub(crate) fn normalize(
    schema: &Schema,
    document: &ExecutableDocument,
    operation: &Operation,
    limits: &Limits,
) -> Result<NormalizedOperation, OperationError> {
    let mut normalizer = Normalizer {
        schema,
        document,
        limits,
        selections: 0,
        aliases: 0,
    };
    let selection_set = normalizer.selection_set(
        operation.selection_set.ty.clone(),
        &[&operation.selection_set],
        1,
    )?;
    Ok(NormalizedOperation {
        kind: operation.operation_type,
        name: operation.name.clone(),
        variables: operation.variables.clone(),
        directives: operation.directives.clone(),
        selection_set,
    })
}

struct Normalizer<'a> {
    schema: &'a Schema,
    document: &'a ExecutableDocument,
    limits: &'a Limits,
    selections: usize,
    aliases: usize,
}

/// Selections gathered for one parent type, before their own sub-selections are normalized.
///
/// A later occurrence of a field or fragment joins the group of an earlier one only when that
/// cannot change the response's order (spec §6.3.2 CollectFields orders a merged field's
/// sub-fields by their occurrences in the document): when a fragment, or the same response key
/// under other conditions, came in between, the occurrence starts a group of its own, and the
/// executor's projection merges the groups again in document order.
#[derive(Default)]
struct Collected<'a> {
    entries: Vec<Group<'a>>,
    /// The newest group of each key.
    newest: HashMap<Key, usize>,
    /// The newest entry for each response key, whatever its conditions.
    newest_with_response_key: HashMap<Name, usize>,
    newest_fragment: Option<usize>,
}

impl<'a> Collected<'a> {
    fn field(&mut self, field: &'a executable::Field, conditions: DirectiveList) {
        let response_key = field.response_key().clone();
        let key = Key::Field(response_key.clone(), conditions.clone());
        if let Some(&index) = self.newest.get(&key) {
            let undisturbed = field.selection_set.selections.is_empty()
                || index + 1 == self.entries.len()
                || (self.newest_with_response_key.get(&response_key) == Some(&index)
                    && self.newest_fragment.is_none_or(|f| f < index));
            if undisturbed {
                if let Group::Field(_, _, sub_sets) = &mut self.entries[index] {
                    sub_sets.push(&field.selection_set);
                }
                return;
            }
        }
        let index = self.entries.len();
        self.entries
            .push(Group::Field(field, conditions, vec![&field.selection_set]));
        self.newest.insert(key, index);
        self.newest_with_response_key.insert(response_key, index);
    }

    /// `disjoint`: whether no object can match both of two type conditions.
    fn fragment(
        &mut self,
        condition: &Name,
        directives: DirectiveList,
        set: &'a executable::SelectionSet,
        disjoint: impl Fn(&Name, &Name) -> bool,
    ) {
        let key = Key::Fragment(condition.clone(), directives.clone());
        if let Some(&index) = self.newest.get(&key)
            && self.entries[index + 1..].iter().all(|later| match later {
                Group::Field(..) => false,
                Group::Fragment(other, ..) => disjoint(condition, other),
            })
        {
            if let Group::Fragment(_, _, sets) = &mut self.entries[index] {
                sets.push(set);
            }
            return;
        }
        let index = self.entries.len();
        self.entries
            .push(Group::Fragment(condition.clone(), directives, vec![set]));
        self.newest.insert(key, index);
        self.newest_fragment = Some(index);
    }
}

#[derive(PartialEq, Eq, Hash)]
enum Key {
    /// Response key and the variable `@skip`/`@include` directives: occurrences under other
    /// conditions stay apart.
    Field(Name, DirectiveList),
    Fragment(Name, DirectiveList),
}

enum Group<'a> {
    /// The first occurrence defines the field; every occurrence contributes sub-selections.
    /// The directives are its variable conditions.
    Field(
        &'a executable::Field,
        DirectiveList,
        Vec<&'a executable::SelectionSet>,
    ),
    Fragment(Name, DirectiveList, Vec<&'a executable::SelectionSet>),
}

impl<'a> Normalizer<'a> {
    /// Normalizes the union of `sets`, all on the parent type `ty`; `depth` is that of the
    /// fields in them.
    fn selection_set(
        &mut self,
        ty: Name,
        sets: &[&'a executable::SelectionSet],
        depth: usize,
    ) -> Result<SelectionSet, OperationError> {
        let mut collected = Collected::default();
        for set in sets {
            self.collect(&ty, set, &mut collected);
        }
        let mut selections = Vec::with_capacity(collected.entries.len());
        for group in collected.entries {
            match group {
                Group::Field(field, conditions, sub_sets) => {
                    selections.push(Selection::Field(
                        self.field(&ty, field, conditions, &sub_sets, depth)?,
                    ));
                }
                Group::Fragment(type_condition, directives, sub_sets) => {
                    let selection_set =
                        self.selection_set(type_condition.clone(), &sub_sets, depth)?;
                    // Everything inside was skipped: the fragment contributes nothing.
                    if selection_set.selections.is_empty() {
                        continue;
                    }
                    self.count_selection()?;
                    selections.push(Selection::InlineFragment(InlineFragment {
                        type_condition,
                        directives,
                        selection_set,
                    }));
                }
            }
        }
        Ok(SelectionSet { ty, selections })
    }

    /// `field` is the first occurrence of its response key among selections on `parent`.
    fn field(
        &mut self,
        parent: &Name,
        field: &'a executable::Field,
        conditions: DirectiveList,
        sub_sets: &[&'a executable::SelectionSet],
        depth: usize,
    ) -> Result<Field, OperationError> {
        check(LimitKind::Depth, self.limits.max_depth, depth)?;
        self.count_selection()?;
        if field.alias.is_some() {
            self.aliases += 1;
            check(LimitKind::Aliases, self.limits.max_aliases, self.aliases)?;
        }
        // The occurrence may come from a fragment on an interface, whose field type can be
        // wider than the parent object's (covariant fields): the parent's own definition wins.
        let ty = self
            .schema
            .type_field(parent, &field.name)
            .map(|definition| definition.ty.clone())
            .unwrap_or_else(|_| field.ty().clone());
        let selection_set = if self.is_leaf(&ty) {
            None
        } else {
            Some(self.selection_set(ty.inner_named_type().clone(), sub_sets, depth + 1)?)
        };
        let mut arguments = field.arguments.clone();
        arguments.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Field {
            alias: field.alias.clone(),
            name: field.name.clone(),
            arguments,
            directives: with_conditions(conditions, &field.directives),
            ty,
            selection_set,
        })
    }

    fn is_leaf(&self, ty: &ast::Type) -> bool {
        self.schema
            .types
            .get(ty.inner_named_type())
            .is_none_or(|ty| ty.is_leaf())
    }

    fn collect(&self, parent: &Name, set: &'a executable::SelectionSet, out: &mut Collected<'a>) {
        for selection in &set.selections {
            let Some(conditions) = variable_conditions(selection.directives()) else {
                continue;
            };
            match selection {
                executable::Selection::Field(field) => out.field(field, conditions),
                executable::Selection::InlineFragment(fragment) => {
                    let condition = fragment.type_condition.as_ref().unwrap_or(parent);
                    self.fragment(
                        parent,
                        condition,
                        &fragment.directives,
                        &fragment.selection_set,
                        out,
                    );
                }
                executable::Selection::FragmentSpread(spread) => {
                    // Validation guarantees the fragment exists; a missing one selects nothing.
                    if let Some(fragment) = self.document.fragments.get(&spread.fragment_name) {
                        self.fragment(
                            parent,
                            fragment.type_condition(),
                            &spread.directives,
                            &fragment.selection_set,
                            out,
                        );
                    }
                }
            }
        }
    }

    fn fragment(
        &self,
        parent: &Name,
        condition: &Name,
        directives: &DirectiveList,
        set: &'a executable::SelectionSet,
        out: &mut Collected<'a>,
    ) {
        let Some(conditions) = variable_conditions(directives) else {
            return;
        };
        let directives = with_conditions(conditions, directives);
        let parent_is_object = self.schema.get_object(parent).is_some();
        // Under an object type a condition either always or never holds. "Never" is possible
        // when the parent was narrowed from an interface's field type (see `field`).
        if parent_is_object && condition != parent && !self.schema.is_subtype(condition, parent) {
            return;
        }
        let always = condition == parent || parent_is_object;
        if always && directives.is_empty() {
            self.collect(parent, set, out);
            return;
        }
        // A fragment whose every selection a literal condition skips adds nothing; left in, it
        // would keep a repeated field from joining its first occurrence (see `Collected`) and
        // then vanish, leaving two copies of one key side by side.
        if !self.contributes(set) {
            return;
        }
        let condition = if always { parent } else { condition };
        out.fragment(condition, directives, set, |a, b| self.disjoint(a, b));
    }

    /// Whether something in `set` survives its literal `@skip`/`@include` (in a fragment, as
    /// deep as fragments go).
    fn contributes(&self, set: &executable::SelectionSet) -> bool {
        set.selections.iter().any(|selection| {
            variable_conditions(selection.directives()).is_some()
                && match selection {
                    executable::Selection::Field(_) => true,
                    executable::Selection::InlineFragment(fragment) => {
                        self.contributes(&fragment.selection_set)
                    }
                    executable::Selection::FragmentSpread(spread) => self
                        .document
                        .fragments
                        .get(&spread.fragment_name)
                        .is_some_and(|fragment| self.contributes(&fragment.selection_set)),
                }
        })
    }

    /// Whether no object type can match both type conditions (two objects, or an object and
    /// an abstract type it is not a member of). Two abstract types count as overlapping.
    fn disjoint(&self, a: &Name, b: &Name) -> bool {
        match (self.schema.get_object(a), self.schema.get_object(b)) {
            (Some(_), Some(_)) => a != b,
            (Some(_), None) => !self.schema.is_subtype(b, a),
            (None, Some(_)) => !self.schema.is_subtype(a, b),
            (None, None) => false,
        }
    }

    fn count_selection(&mut self) -> Result<(), OperationError> {
        self.selections += 1;
        check(
            LimitKind::Selections,
            self.limits.max_selections,
            self.selections,
        )
    }
}

/// `None` when a literal `@skip(if: true)` or `@include(if: false)` excludes the selection;
/// else its `@skip`/`@include` directives whose `if` is a variable (decided per request by the
/// plan's `Condition` nodes and the executor), in document order.
fn variable_conditions(directives: &DirectiveList) -> Option<DirectiveList> {
    let mut kept = Vec::new();
    for directive in directives.iter() {
        let excluded_when = match directive.name.as_str() {
            "skip" => true,
            "include" => false,
            _ => continue,
        };
        match directive
            .specified_argument_by_name("if")
            .map(|value| value.as_ref())
        {
            Some(Value::Boolean(b)) if *b == excluded_when => return None,
            Some(Value::Variable(_)) => kept.push(directive.clone()),
            // A literal that includes, or (validation forbids it) no usable `if`.
            _ => {}
        }
    }
    Some(DirectiveList(kept))
}

/// `conditions` followed by the selection's directives other than `@skip` and `@include`.
fn with_conditions(conditions: DirectiveList, directives: &DirectiveList) -> DirectiveList {
    let mut out: Vec<Node<ast::Directive>> = conditions.0;
    out.extend(
        directives
            .iter()
            .filter(|d| d.name != "skip" && d.name != "include")
            .cloned(),
    );
    DirectiveList(out)
}

fn check(kind: LimitKind, limit: Option<usize>, actual: usize) -> Result<(), OperationError> {
    match limit {
        Some(limit) if actual > limit => Err(OperationError::Limit {
            kind,
            limit,
            actual,
        }),
        _ => Ok(()),
    }
}
