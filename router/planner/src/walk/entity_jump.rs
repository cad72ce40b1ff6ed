//! An entity jump: the representation's fields from the current group, then the field (or
//! fragment) in an entity fetch of the target subgraph, shared with other jumps to it at the
//! same path when their representations fit together.

use std::collections::BTreeSet;

use apollo_compiler::Name;
use apollo_compiler::ast::DirectiveList;
use supergraph::GraphId;

use super::conditions::{conditions_of, with_conditions};
use super::representation::{fits, representation};
use super::{Ctx, Outcome, Pending, Walker};
use crate::error::PlanError;
use crate::fetch_graph::{Condition, Group};
use crate::plan::{OperationKind, PathSegment, Rewrite};
use crate::query_graph::Jump;
use crate::selection::Sel;

impl<'a> Walker<'a> {
    /// An entity group for `to` at `path` that can start after `deps` and, given a
    /// `representation`, whose representations can hold it too.
    pub(super) fn find_entity_group(
        &self,
        to: GraphId,
        path: &[PathSegment],
        deps: &BTreeSet<usize>,
        representation: Option<&Sel>,
        context: &[Condition],
    ) -> Option<usize> {
        self.fg.groups.iter().enumerate().position(|(id, g)| {
            g.entity
                && g.graph == to
                && g.path == path
                && g.stage == self.stage
                && g.context == context
                && !deps.iter().any(|&d| d == id || self.fg.depends_on(d, id))
                && representation.is_none_or(|r| fits(r, &g.requires))
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn do_jump(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
        jump: &Jump,
        forward: bool,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let sg = self.sg;
        let key_holder = &jump.key_type;
        let key = &sg.types[key_holder].graphs[&jump.to].keys[jump.key_index];
        // An `@interfaceObject` subgraph knows the entity by the interface's name only, also
        // when the object already has its concrete `__typename` (read from another subgraph
        // before a `@requires` step).
        let rewrite_typename =
            key_holder != parent || self.is_interface_object(key_holder, jump.to);

        // The representation's fields come from the current group, or, for a planned key,
        // from wherever they live: the fetch waits for every group they landed in.
        self.add_typename(group, cursor);
        let key_ctx = Ctx {
            for_key: true,
            internal: true,
            provided: None,
            ..ctx.clone()
        };
        let saved = std::mem::take(&mut self.touched);
        if jump.planned {
            self.key_stack.push((key_holder.clone(), jump.to));
        }
        let planned_key = self.plan_set(group, cursor, parent, &key.fields.selection_set, &key_ctx);
        if jump.planned {
            self.key_stack.pop();
        }
        let key_groups = std::mem::replace(&mut self.touched, saved);
        match planned_key {
            Err(error) if jump.planned && !error.is_fatal() => {
                // The key's fields cannot be fetched: the field was not reachable this way.
                return Err(self.unreachable(group, parent, pending, ctx));
            }
            other => other?,
        }
        self.touched.extend(key_groups.iter().copied());

        let mut deps = BTreeSet::from([group]);
        deps.extend(key_groups);
        let mut required = None;
        if let Pending::Field(field) = pending
            && field.name != "__typename"
            && !forward
            && let Some(requires) = sg
                .field_meta(key_holder, &field.name)
                .and_then(|m| m.graphs.get(&jump.to))
                .and_then(|f| f.requires.as_ref())
        {
            deps.extend(self.plan_requires(group, cursor, parent, &requires.selection_set, ctx)?);
            required = Some(&requires.selection_set);
        }

        let field_conditions = match pending {
            Pending::Field(field) => conditions_of(&field.directives),
            Pending::Fragment(fragment) => conditions_of(&fragment.directives),
        };
        let conditions = with_conditions(&ctx.conditions, field_conditions);
        let representation = representation(
            sg,
            parent,
            &key.fields.selection_set,
            required,
            &self.claims,
            &ctx.path,
        );
        let target = match self.find_entity_group(
            jump.to,
            &ctx.path,
            &deps,
            Some(&representation),
            &ctx.conditions,
        ) {
            Some(existing) => {
                self.fg.groups[existing].deps.extend(deps);
                existing
            }
            None => self.fg.add(Group {
                graph: jump.to,
                path: ctx.path.clone(),
                entity: true,
                kind: OperationKind::Query,
                requires: Sel::default(),
                selection: Sel::default(),
                deps,
                conditions: None,
                context: ctx.conditions.clone(),
                input_rewrites: Vec::new(),
                output_rewrites: Vec::new(),
                stage: self.stage,
            }),
        };
        self.fg.touch_conditions(target, &conditions);
        self.touched.insert(target);

        self.fg.groups[target].requires.merge(representation);
        if rewrite_typename {
            let rewrite = Rewrite::ValueSetter {
                path: vec![format!("... on {parent}"), "__typename".into()],
                set_value_to: serde_json::Value::String(key_holder.to_string()),
            };
            if !self.fg.groups[target].input_rewrites.contains(&rewrite) {
                self.fg.groups[target].input_rewrites.push(rewrite);
            }
        }

        let selection_type = if rewrite_typename { key_holder } else { parent };
        let i = self.fg.groups[target]
            .selection
            .add_fragment(Some(selection_type.clone()), DirectiveList::default());
        let inner_ctx = Ctx {
            path: ctx.path.clone(),
            conditions: ctx.conditions.clone(),
            provided: None,
            for_key: false,
            internal: ctx.internal,
            via: ctx.via,
        };
        match pending {
            Pending::Field(field) if field.name == "__typename" => self
                .plan_field(target, &[i], selection_type, field, &inner_ctx)
                .map(|()| Outcome::Done),
            Pending::Field(field) if forward => {
                self.place_field(target, &[i], selection_type, field, &inner_ctx, partial)
            }
            Pending::Field(field) => {
                if sg
                    .type_meta(selection_type)
                    .is_some_and(|t| t.is_abstract())
                    && !self.is_interface_object(selection_type, jump.to)
                {
                    self.add_typename(target, &[i]);
                    self.place_field(target, &[i], selection_type, field, &inner_ctx, partial)
                } else {
                    self.add_local(
                        target,
                        &[i],
                        selection_type,
                        field,
                        &inner_ctx,
                        None,
                        partial,
                    )
                }
            }
            Pending::Fragment(fragment) => {
                self.add_typename(target, &[i]);
                self.plan_fragment(target, &[i], selection_type, fragment, &inner_ctx)
                    .map(|()| Outcome::Done)
            }
        }
    }
}
