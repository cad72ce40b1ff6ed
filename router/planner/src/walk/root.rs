//! Root fields: each goes to a subgraph that resolves it (the one needing the fewest fetches),
//! query fields side by side, mutation fields one after another.

use std::collections::BTreeSet;

use apollo_compiler::ast::DirectiveList;
use apollo_compiler::executable::{Field, Selection, SelectionSet};
use apollo_compiler::{Name, Node};
use supergraph::GraphId;

use super::conditions::{conditions_of, with_conditions};
use super::{Ctx, Walker};
use crate::error::PlanError;
use crate::fetch_graph::Group;
use crate::plan::OperationKind;
use crate::selection::Sel;

impl<'a> Walker<'a> {
    pub fn plan_root(
        &mut self,
        kind: OperationKind,
        root: &Name,
        set: &'a SelectionSet,
        wrappers: &[DirectiveList],
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        for selection in &set.selections {
            match selection {
                // The router answers `__typename` on the root and introspection itself.
                Selection::Field(field) if field.name.starts_with("__") => {}
                Selection::Field(field) => {
                    self.plan_root_field(kind, root, field, wrappers, ctx)?
                }
                Selection::InlineFragment(fragment) => {
                    let mut inner_wrappers = wrappers.to_vec();
                    if !fragment.directives.is_empty() {
                        inner_wrappers.push(fragment.directives.clone());
                    }
                    let inner = Ctx {
                        conditions: with_conditions(
                            &ctx.conditions,
                            conditions_of(&fragment.directives),
                        ),
                        ..ctx.clone()
                    };
                    self.plan_root(kind, root, &fragment.selection_set, &inner_wrappers, &inner)?;
                }
                Selection::FragmentSpread(spread) => {
                    return Err(PlanError::FragmentSpread(spread.fragment_name.to_string()));
                }
            }
        }
        Ok(())
    }

    fn root_group(&mut self, graph: GraphId, kind: OperationKind, deps: BTreeSet<usize>) -> usize {
        self.fg.add(Group {
            graph,
            path: Vec::new(),
            entity: false,
            kind,
            requires: Sel::default(),
            selection: Sel::default(),
            deps,
            conditions: None,
            input_rewrites: Vec::new(),
            output_rewrites: Vec::new(),
            stage: self.stage,
        })
    }

    fn plan_root_field(
        &mut self,
        kind: OperationKind,
        root: &Name,
        field: &'a Node<Field>,
        wrappers: &[DirectiveList],
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let meta =
            self.sg
                .field_meta(root, &field.name)
                .ok_or_else(|| PlanError::UnknownField {
                    coordinate: Self::coordinate(root, &field.name),
                })?;
        let candidates: Vec<GraphId> = meta
            .graphs
            .iter()
            .filter(|(_, f)| f.resolves(self.labels))
            .map(|(g, _)| *g)
            .collect();
        if candidates.is_empty() {
            return Err(PlanError::NoSubgraphResolves {
                coordinate: Self::coordinate(root, &field.name),
                reason: if meta.graphs.is_empty() {
                    String::new()
                } else {
                    " with the enabled override labels".into()
                },
            });
        }
        let place = |walker: &mut Self, group: usize| -> Result<(), PlanError> {
            let conditions = with_conditions(&ctx.conditions, conditions_of(&field.directives));
            walker.fg.touch_conditions(group, &conditions);
            let mut cursor = Vec::new();
            for directives in wrappers {
                let i = walker
                    .sel_mut(group, &cursor)
                    .add_fragment(None, directives.clone());
                cursor.push(i);
            }
            walker.add_local(group, &cursor, root, field, ctx, None)
        };
        if kind == OperationKind::Mutation {
            // Mutation fields run one after another: consecutive fields for the same subgraph
            // share a fetch, anything else starts a new step after everything before it.
            let group = match self.last_mutation_group {
                Some(last) if candidates.contains(&self.graph_of(last)) => last,
                _ => {
                    self.stage += 1;
                    let deps = (0..self.fg.groups.len()).collect();
                    let group = self.root_group(candidates[0], kind, deps);
                    self.last_mutation_group = Some(group);
                    group
                }
            };
            return place(self, group);
        }
        let existing = self
            .fg
            .groups
            .iter()
            .position(|g| !g.entity && g.stage == self.stage && candidates.contains(&g.graph));
        if let Some(group) = existing {
            return place(self, group);
        }
        let mut best: Option<(usize, Self)> = None;
        for &graph in &candidates {
            let mut trial = self.clone();
            let group = trial.root_group(graph, kind, BTreeSet::new());
            place(&mut trial, group)?;
            let cost = trial.fg.groups.len();
            if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
                best = Some((cost, trial));
            }
            if candidates.len() == 1 {
                break;
            }
        }
        if let Some((_, walker)) = best {
            *self = walker;
        }
        Ok(())
    }
}
