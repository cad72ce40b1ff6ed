//! Splitting a field over subgraphs: when no candidate can finish a field's whole selection
//! (a keyless value type whose fields live in different subgraphs, a shareable field of an
//! entity with some fields only elsewhere), each candidate in turn takes what it can and leaves
//! the rest — the same field with a smaller selection — to the next. The parts land at the same
//! response path and the executor merges them: two root fetches in parallel for a root field,
//! or the nearest entity's `_entities` in another subgraph with the path down to the field.
//! What no candidate takes is an error, never a hole in the plan.

use apollo_compiler::executable::{Field, Selection, SelectionSet};
use apollo_compiler::{Name, Node};

use super::choose::Alt;
use super::{Ctx, Outcome, Pending, Walker};
use crate::error::PlanError;

impl<'a> Walker<'a> {
    /// `field` with only `selection_set` below it, kept for the rest of this planning run.
    pub(super) fn trimmed(
        &self,
        field: &'a Node<Field>,
        selection_set: SelectionSet,
    ) -> &'a Node<Field> {
        let mut trimmed = (**field).clone();
        trimmed.selection_set = selection_set;
        self.scratch.alloc(Node::new(trimmed))
    }

    /// Plans `field` over `alts` in turn, each taking what it can of what is left. `error` is
    /// why no single candidate could take it all. `partial`: return what is left instead of
    /// failing.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn split_field(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
        alts: &[Alt<'a>],
        error: PlanError,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let mut remaining = field;
        let mut progress = false;
        // Once a part is planned, the error worth reporting is about what is still left: a
        // field no candidate took, not one a later candidate could.
        let mut error = error;
        for alt in alts {
            let mut trial = self.trial();
            let pending = Pending::Field(remaining);
            match trial.run_alt(group, cursor, parent, pending, ctx, alt, true) {
                Ok(Outcome::Done) => {
                    self.adopt(trial);
                    return Ok(Outcome::Done);
                }
                Ok(Outcome::Partly(rest, why)) => {
                    self.adopt(trial);
                    remaining = self.trimmed(remaining, rest);
                    progress = true;
                    error = why;
                }
                Ok(Outcome::Nothing(why)) | Err(why) if progress && !why.is_fatal() => {
                    error = why;
                }
                Ok(Outcome::Nothing(_)) => {}
                Err(e) if e.is_fatal() => return Err(e),
                Err(_) => {}
            }
        }
        match (partial, progress) {
            (true, true) => Ok(Outcome::Partly(remaining.selection_set.clone(), error)),
            (true, false) => Ok(Outcome::Nothing(error)),
            (false, _) => Err(error),
        }
    }

    /// Plans what it can of `set` (at `cursor` of `group`); what cannot be planned here comes
    /// back as the rest of the set, each field trimmed to its unplanned part.
    pub(super) fn plan_set_partial(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        set: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<Outcome, PlanError> {
        let preference = self.preference_for(parent, set);
        let saved = std::mem::replace(&mut self.preference, preference);
        let result = self.plan_set_partial_inner(group, cursor, parent, set, ctx);
        self.preference = saved;
        result
    }

    fn plan_set_partial_inner(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        set: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<Outcome, PlanError> {
        let mut rest = SelectionSet::new(set.ty.clone());
        let mut first_error: Option<PlanError> = None;
        let mut progress = false;
        for selection in &set.selections {
            let snapshot = self.clone();
            let outcome = match selection {
                Selection::Field(field) => {
                    self.place_field(group, cursor, parent, field, ctx, true)
                }
                Selection::InlineFragment(fragment) => {
                    self.place_fragment(group, cursor, parent, fragment, ctx, true)
                }
                Selection::FragmentSpread(spread) => {
                    return Err(PlanError::FragmentSpread(spread.fragment_name.to_string()));
                }
            };
            match outcome {
                Ok(Outcome::Done) => progress = true,
                Ok(Outcome::Partly(left, error)) => {
                    progress = true;
                    match selection {
                        Selection::Field(field) => {
                            let mut trimmed = (**field).clone();
                            trimmed.selection_set = left;
                            rest.push(Selection::Field(Node::new(trimmed)));
                        }
                        // A fragment leaves the members only other subgraphs know.
                        _ => rest.selections.extend(left.selections),
                    }
                    first_error.get_or_insert(error);
                }
                Err(error) if error.is_fatal() => return Err(error),
                Ok(Outcome::Nothing(error)) | Err(error) => {
                    *self = snapshot;
                    rest.push(selection.clone());
                    first_error.get_or_insert(error);
                }
            }
        }
        Ok(match first_error {
            None => Outcome::Done,
            Some(error) if progress => Outcome::Partly(rest, error),
            Some(error) => Outcome::Nothing(error),
        })
    }
}
