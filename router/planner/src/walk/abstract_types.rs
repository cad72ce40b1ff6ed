//! Interfaces and unions: a field stays on the abstract type where every implementation the
//! subgraph knows resolves it, otherwise it is planned per implementation; inline fragments
//! narrow to the implementations they name, among the members the subgraph resolving the value
//! knows. Members differ between subgraphs: a member the current subgraph does not know, but
//! another subgraph resolving the same field does, is not dropped: the fragment on it is left
//! for that subgraph (the search then picks a subgraph knowing every member asked for, or
//! splits the field, the rest going there through the nearest entity's key).

use apollo_compiler::executable::{Field, InlineFragment, Selection, SelectionSet};
use apollo_compiler::{Name, Node};
use supergraph::GraphId;

use super::conditions::{conditions_of, with_conditions};
use super::provides::provided_field;
use super::{Ctx, Outcome, Pending, Walker};
use crate::error::PlanError;

impl<'a> Walker<'a> {
    /// Whether `field` can stay on the abstract `parent` in `graph`: the interface field and
    /// every implementation the subgraph knows resolve it there.
    pub(super) fn resolvable_at_abstract(
        &self,
        parent: &Name,
        graph: GraphId,
        field: &Field,
        ctx: &Ctx<'a>,
    ) -> bool {
        if ctx
            .provided
            .is_some_and(|p| provided_field(p, parent, &field.name).is_some())
        {
            return true;
        }
        let resolves = |type_name: &str| {
            self.sg
                .field_meta(type_name, &field.name)
                .and_then(|m| m.graphs.get(&graph))
                .is_some_and(|f| f.resolves(self.labels) && f.requires.is_none())
        };
        resolves(parent)
            && self
                .sg
                .possible_types_in(parent, graph)
                .iter()
                .all(|o| resolves(o))
    }

    pub(super) fn plan_fragment(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        fragment: &'a Node<InlineFragment>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        self.place_fragment(group, cursor, parent, fragment, ctx, false)?
            .into_result()
    }

    /// Plans `fragment` at `cursor` of `group`. `partial`: the members only other subgraphs
    /// resolving the value know come back as [`Outcome::Partly`] (fragments on each) instead of
    /// failing.
    pub(super) fn place_fragment(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        fragment: &'a Node<InlineFragment>,
        ctx: &Ctx<'a>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let graph = self.graph_of(group);
        let condition = fragment.type_condition.clone().unwrap_or(parent.clone());
        let inner_ctx = Ctx {
            conditions: with_conditions(&ctx.conditions, conditions_of(&fragment.directives)),
            ..ctx.clone()
        };
        let sg = self.sg;
        let parent_meta = sg
            .type_meta(parent)
            .ok_or_else(|| PlanError::UnknownType(parent.to_string()))?;
        let same_type = condition == *parent
            || (!parent_meta.is_abstract() && sg.schema.is_subtype(&condition, parent));
        if same_type {
            if fragment.directives.is_empty() {
                return self
                    .plan_set(group, cursor, parent, &fragment.selection_set, ctx)
                    .map(|()| Outcome::Done);
            }
            let i = self
                .sel_mut(group, cursor)
                .add_fragment(None, fragment.directives.clone());
            let inner = [cursor, &[i]].concat();
            return self
                .plan_set(group, &inner, parent, &fragment.selection_set, &inner_ctx)
                .map(|()| Outcome::Done);
        }
        if !parent_meta.is_abstract() {
            // An object parent outside the condition: the fragment never applies.
            return Ok(Outcome::Done);
        }
        if self.is_interface_object(parent, graph) {
            return self
                .jump(group, cursor, parent, Pending::Fragment(fragment), ctx)
                .map(|()| Outcome::Done);
        }
        let condition_meta = sg
            .type_meta(&condition)
            .ok_or_else(|| PlanError::UnknownType(condition.to_string()))?;
        let wanted = if condition_meta.is_abstract() {
            sg.possible_types(&condition)
        } else {
            vec![condition.clone()]
        };
        let known = sg.possible_types_in(parent, graph);
        for object in &known {
            if !wanted.contains(object) {
                continue;
            }
            let i = self
                .sel_mut(group, cursor)
                .add_fragment(Some(object.clone()), fragment.directives.clone());
            let inner = [cursor, &[i]].concat();
            self.plan_set(group, &inner, object, &fragment.selection_set, &inner_ctx)?;
        }
        let elsewhere = self.members_elsewhere(parent, graph, &known, &wanted, ctx);
        let Some(member) = elsewhere.first() else {
            return Ok(Outcome::Done);
        };
        let error = PlanError::MemberElsewhere {
            member: member.to_string(),
            abstract_type: parent.to_string(),
            path: crate::display::path_text(&ctx.path),
            from: sg.subgraph(graph).name.clone(),
        };
        if !partial {
            return Err(error);
        }
        let mut rest = SelectionSet::new(parent.clone());
        for member in elsewhere {
            let mut narrowed = (**fragment).clone();
            narrowed.type_condition = Some(member.clone());
            narrowed.selection_set.ty = member;
            rest.push(Selection::InlineFragment(Node::new(narrowed)));
        }
        Ok(Outcome::Partly(rest, error))
    }

    /// The members of `parent` in `wanted` that `graph` does not know (`known`) but another
    /// subgraph resolving the value's field does: that subgraph could return them here.
    fn members_elsewhere(
        &self,
        parent: &Name,
        graph: GraphId,
        known: &[Name],
        wanted: &[Name],
        ctx: &Ctx<'a>,
    ) -> Vec<Name> {
        let Some(via) = ctx.via.filter(|via| via.graphs.contains_key(&graph)) else {
            return Vec::new();
        };
        let others: Vec<GraphId> = via
            .graphs
            .iter()
            .filter(|(g, f)| **g != graph && f.resolves(self.labels))
            .map(|(g, _)| *g)
            .collect();
        if others.is_empty() {
            return Vec::new();
        }
        wanted
            .iter()
            .filter(|member| !known.contains(member))
            .filter(|member| {
                others
                    .iter()
                    .any(|&g| self.sg.possible_types_in(parent, g).contains(member))
            })
            .cloned()
            .collect()
    }
}
