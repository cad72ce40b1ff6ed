//! Interfaces and unions: a field stays on the abstract type where every implementation the
//! subgraph knows resolves it, otherwise it is planned per implementation; inline fragments
//! narrow to the implementations they name.

use apollo_compiler::executable::{Field, InlineFragment};
use apollo_compiler::{Name, Node};
use supergraph::GraphId;

use super::conditions::{conditions_of, with_conditions};
use super::provides::provided_field;
use super::{Ctx, Pending, Walker};
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
                return self.plan_set(group, cursor, parent, &fragment.selection_set, ctx);
            }
            let i = self
                .sel_mut(group, cursor)
                .add_fragment(None, fragment.directives.clone());
            let inner = [cursor, &[i]].concat();
            return self.plan_set(group, &inner, parent, &fragment.selection_set, &inner_ctx);
        }
        if !parent_meta.is_abstract() {
            // An object parent outside the condition: the fragment never applies.
            return Ok(());
        }
        if self.is_interface_object(parent, graph) {
            return self.jump(group, cursor, parent, Pending::Fragment(fragment), ctx);
        }
        let condition_meta = sg
            .type_meta(&condition)
            .ok_or_else(|| PlanError::UnknownType(condition.to_string()))?;
        let wanted = if condition_meta.is_abstract() {
            sg.possible_types(&condition)
        } else {
            vec![condition.clone()]
        };
        for object in sg.possible_types_in(parent, graph) {
            if !wanted.contains(&object) {
                continue;
            }
            let i = self
                .sel_mut(group, cursor)
                .add_fragment(Some(object.clone()), fragment.directives.clone());
            let inner = [cursor, &[i]].concat();
            self.plan_set(group, &inner, &object, &fragment.selection_set, &inner_ctx)?;
        }
        Ok(())
    }
}
