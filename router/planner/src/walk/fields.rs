//! Fields: kept in the current group when only its subgraph can take them (or a `@provides`
//! gives them), sent through an entity jump when it does not resolve them, chosen by a search
//! when several subgraphs could; sub-selections planned below.

use apollo_compiler::ast::DirectiveList;
use apollo_compiler::executable::{Field, Selection, SelectionSet};
use apollo_compiler::schema::Type;
use apollo_compiler::{Name, Node};

use super::aliases::client_fields;
use super::conditions::{conditions_of, with_conditions};
use super::provides::provided_field;
use super::{Ctx, Outcome, Pending, Walker};
use crate::error::PlanError;
use crate::plan::PathSegment;
use crate::selection::{FieldSel, Sel};

impl<'a> Walker<'a> {
    pub fn plan_set(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        set: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let preference = self.preference_for(parent, set);
        let saved = std::mem::replace(&mut self.preference, preference);
        let result = self.plan_set_inner(group, cursor, parent, set, ctx);
        self.preference = saved;
        result
    }

    pub(super) fn plan_set_inner(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        set: &'a SelectionSet,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => self.plan_field(group, cursor, parent, field, ctx)?,
                Selection::InlineFragment(fragment) => {
                    self.plan_fragment(group, cursor, parent, fragment, ctx)?
                }
                Selection::FragmentSpread(spread) => {
                    return Err(PlanError::FragmentSpread(spread.fragment_name.to_string()));
                }
            }
        }
        Ok(())
    }

    pub(super) fn plan_field(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        self.place_field(group, cursor, parent, field, ctx, false)?
            .into_result()
    }

    /// Plans `field` at `cursor` of `group`: where its subgraph resolves it (or a `@provides`
    /// gives it), else through an entity jump; where several subgraphs could take it, a search
    /// ([`Self::choose_field`]). `partial`: plan what can be planned and return the rest as
    /// [`Outcome::Partly`] instead of failing.
    pub(super) fn place_field(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        self.spend()?;
        let graph = self.graph_of(group);
        let interface_object = self.is_interface_object(parent, graph);
        if field.name == "__typename" {
            if interface_object {
                self.jump(group, cursor, parent, Pending::Field(field), ctx)?;
                return Ok(Outcome::Done);
            }
            let mut typename = FieldSel::typename();
            typename.alias = field.alias.clone();
            typename.directives = field.directives.clone();
            self.sel_mut(group, cursor).add_field(typename);
            self.touched.insert(group);
            return Ok(Outcome::Done);
        }
        let meta = self
            .sg
            .type_meta(parent)
            .ok_or_else(|| PlanError::UnknownType(parent.to_string()))?;
        if meta.is_abstract()
            && !interface_object
            && !self.resolvable_at_abstract(parent, graph, field, ctx)
        {
            for object in self.sg.possible_types_in(parent, graph) {
                let i = self
                    .sel_mut(group, cursor)
                    .add_fragment(Some(object.clone()), DirectiveList::default());
                let inner = [cursor, &[i]].concat();
                self.plan_field(group, &inner, &object, field, ctx)?;
            }
            return Ok(Outcome::Done);
        }
        let field_meta =
            self.sg
                .field_meta(parent, &field.name)
                .ok_or_else(|| PlanError::UnknownField {
                    coordinate: Self::coordinate(parent, &field.name),
                })?;
        let provided = ctx
            .provided
            .and_then(|p| provided_field(p, parent, &field.name));
        let local = provided.is_some()
            || field_meta.graphs.get(&graph).is_some_and(|f| {
                let resolves = if ctx.for_key {
                    f.resolves_for_key()
                } else {
                    f.resolves(self.labels)
                };
                resolves && f.requires.is_none()
            });
        // Staying is the only choice for a leaf, a provided field, a key field, and a field no
        // other subgraph resolves.
        let only_here = provided.is_some()
            || ctx.for_key
            || field.selection_set.selections.is_empty()
            || !field_meta
                .graphs
                .iter()
                .any(|(g, f)| *g != graph && f.resolves(self.labels));
        if local && only_here {
            return self.add_local(group, cursor, parent, field, ctx, provided, partial);
        }
        self.choose_field(
            group,
            cursor,
            parent,
            field,
            ctx,
            local.then_some(provided),
            partial,
        )
    }

    /// Adds a field the group's subgraph resolves, and plans its sub-selection there.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_local(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
        provided: Option<&'a SelectionSet>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let graph = self.graph_of(group);
        let sg = self.sg;
        let meta = sg
            .field_meta(parent, &field.name)
            .ok_or_else(|| PlanError::UnknownField {
                coordinate: Self::coordinate(parent, &field.name),
            })?;
        let in_graph = meta.graphs.get(&graph);
        let inner_type = meta.ty.inner_named_type().clone();
        let composite = sg.type_meta(&inner_type).is_some_and(|t| t.is_composite());
        let alias = if ctx.internal && field.alias.is_none() {
            let client_sets = &self.client_sets;
            self.claims
                .key(client_sets, &ctx.path, &field.name, &field.arguments)
        } else {
            None
        };
        let aliased = alias.is_some();
        let response_key = alias
            .clone()
            .or(field.alias.clone())
            .unwrap_or(field.name.clone());
        let index = self.sel_mut(group, cursor).add_field(FieldSel {
            alias: alias.or(field.alias.clone()),
            name: field.name.clone(),
            arguments: field.arguments.clone(),
            directives: field.directives.clone(),
            sub: composite.then(Sel::default),
            subgraph_type: in_graph.map(|f| &f.ty).unwrap_or(&meta.ty).to_string(),
        });
        self.touched.insert(group);
        if !composite {
            return Ok(Outcome::Done);
        }
        let inner = [cursor, &[index]].concat();
        let mut path = ctx.path.clone();
        path.push(PathSegment::Field(response_key.to_string()));
        path.extend(std::iter::repeat_n(PathSegment::List, list_depth(&meta.ty)));
        let child = Ctx {
            path,
            conditions: with_conditions(&ctx.conditions, conditions_of(&field.directives)),
            provided: match provided {
                Some(sub) if !sub.selections.is_empty() => Some(sub),
                Some(_) => None,
                None => in_graph
                    .and_then(|f| f.provides.as_ref())
                    .map(|p| &p.selection_set),
            },
            for_key: ctx.for_key,
            internal: ctx.internal,
            via: Some(meta),
        };
        if sg.type_meta(&inner_type).is_some_and(|t| t.is_abstract()) {
            self.add_typename(group, &inner);
        }
        // Below an unaliased field, the client's fields with the same key share the object:
        // internal fields there are aliased against them too. Below an aliased one, nothing is
        // the client's.
        let client_sets = if aliased {
            Vec::new()
        } else {
            let mut sets = client_fields(&self.client_sets, &response_key);
            if !ctx.internal && !sets.iter().any(|s| std::ptr::eq(*s, &field.selection_set)) {
                sets.push(&field.selection_set);
            }
            sets
        };
        let saved = std::mem::replace(&mut self.client_sets, client_sets);
        let result = if partial {
            self.plan_set_partial(group, &inner, &inner_type, &field.selection_set, &child)
        } else {
            self.plan_set(group, &inner, &inner_type, &field.selection_set, &child)
                .map(|()| Outcome::Done)
        };
        self.client_sets = saved;
        result
    }
}

fn list_depth(ty: &Type) -> usize {
    match ty {
        Type::Named(_) | Type::NonNullNamed(_) => 0,
        Type::List(inner) | Type::NonNullList(inner) => 1 + list_depth(inner),
    }
}
