//! Root fields: each goes to a subgraph that resolves it — a root fetch already planned for it,
//! or a new one — tried in turn and kept by cost (fetches, then the longest chain), so a
//! candidate that cannot finish the selection below never wins and never decides the error
//! while another works; aliases of one field choose on their own. When no candidate can take
//! the whole selection, each takes a part (parallel fetches merged at the same path). Query
//! fields side by side, mutation fields one after another.

use std::collections::BTreeSet;

use apollo_compiler::ast::DirectiveList;
use apollo_compiler::executable::{Field, Selection, SelectionSet};
use apollo_compiler::{Name, Node};
use supergraph::GraphId;

use super::choose::Cost;
use super::conditions::{conditions_of, with_conditions};
use super::{Ctx, Outcome, Walker};
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
            context: Vec::new(),
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
        if kind == OperationKind::Mutation {
            // Mutation fields run one after another: consecutive fields for the same subgraph
            // share a fetch, anything else starts a new step after everything before it.
            let mut alts: Vec<RootAlt> = Vec::new();
            if let Some(last) = self.last_mutation_group
                && candidates.contains(&self.graph_of(last))
            {
                alts.push(RootAlt::Existing(last));
            }
            alts.extend(candidates.iter().map(|&g| RootAlt::New(g)));
            let mut first_error = None;
            for (n, alt) in alts.iter().enumerate() {
                let last = n + 1 == alts.len();
                let mut trial = if last { None } else { Some(self.trial()) };
                let walker = trial.as_mut().unwrap_or(self);
                let group = match *alt {
                    RootAlt::Existing(group) => group,
                    RootAlt::New(graph) => {
                        walker.stage += 1;
                        let deps = (0..walker.fg.groups.len()).collect();
                        let group = walker.root_group(graph, kind, deps);
                        walker.last_mutation_group = Some(group);
                        group
                    }
                };
                match walker.place_root(group, root, field, wrappers, ctx, false) {
                    Ok(_) => {
                        if let Some(trial) = trial {
                            self.adopt(trial);
                        }
                        return Ok(());
                    }
                    Err(error) if error.is_fatal() || last => {
                        return Err(first_error.unwrap_or(error));
                    }
                    Err(error) => {
                        first_error.get_or_insert(error);
                    }
                }
            }
            return Ok(());
        }
        // Query fields: a root fetch of this stage for a subgraph resolving the field (sharing
        // a fetch), else a new one per candidate; the cheapest that finishes the selection.
        let mut alts: Vec<RootAlt> = Vec::new();
        for (id, g) in self.fg.groups.iter().enumerate() {
            if !g.entity && g.stage == self.stage && candidates.contains(&g.graph) {
                alts.push(RootAlt::Existing(id));
            }
        }
        for &graph in &candidates {
            if !alts
                .iter()
                .any(|a| matches!(a, RootAlt::Existing(id) if self.graph_of(*id) == graph))
            {
                alts.push(RootAlt::New(graph));
            }
        }
        if let [alt] = alts.as_slice() {
            let group = self.root_alt_group(alt, kind);
            return self
                .place_root(group, root, field, wrappers, ctx, false)?
                .into_result();
        }
        let mut best: Option<(Cost, Self)> = None;
        let mut first_error = None;
        // Candidates that cannot finish the selection are not walked; if none can, the first
        // is walked for the error it meets.
        let graphs: Vec<GraphId> = alts.iter().map(|a| self.root_alt_graph(a)).collect();
        let feasible: Vec<bool> = graphs
            .iter()
            .map(|&g| self.field_can_finish_in(root, g, field, None))
            .collect();
        let none_feasible = !feasible.contains(&true);
        for (n, alt) in alts.iter().enumerate() {
            let walk = feasible[n] || (none_feasible && n == 0);
            if !walk {
                continue;
            }
            let mut trial = self.trial();
            let group = trial.root_alt_group(alt, kind);
            match trial.place_root(group, root, field, wrappers, ctx, false) {
                Ok(_) => {
                    let cost = trial.cost();
                    if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
                        best = Some((cost, trial));
                    }
                }
                Err(error) if error.is_fatal() => return Err(error),
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        if let Some((_, walker)) = best {
            self.adopt(walker);
            return Ok(());
        }
        let error = first_error.unwrap_or_else(|| PlanError::NoSubgraphResolves {
            coordinate: Self::coordinate(root, &field.name),
            reason: String::new(),
        });
        if field.selection_set.selections.is_empty() {
            return Err(error);
        }
        // No subgraph can answer the whole selection: each takes what it can, in parallel
        // root fetches whose answers merge at the same path.
        let mut remaining = field;
        let mut error = error;
        let mut progress = false;
        for alt in &alts {
            let mut trial = self.trial();
            let group = trial.root_alt_group(alt, kind);
            match trial.place_root(group, root, remaining, wrappers, ctx, true) {
                Ok(Outcome::Done) => {
                    self.adopt(trial);
                    return Ok(());
                }
                Ok(Outcome::Partly(rest, why)) => {
                    self.adopt(trial);
                    remaining = self.trimmed(remaining, rest);
                    progress = true;
                    // What is still left is what the error should be about.
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
        Err(error)
    }

    fn root_alt_graph(&self, alt: &RootAlt) -> GraphId {
        match *alt {
            RootAlt::Existing(group) => self.graph_of(group),
            RootAlt::New(graph) => graph,
        }
    }

    fn root_alt_group(&mut self, alt: &RootAlt, kind: OperationKind) -> usize {
        match *alt {
            RootAlt::Existing(group) => group,
            RootAlt::New(graph) => self.root_group(graph, kind, BTreeSet::new()),
        }
    }

    /// Adds the root field to `group` (inside the fragments that wrap it).
    fn place_root(
        &mut self,
        group: usize,
        root: &Name,
        field: &'a Node<Field>,
        wrappers: &[DirectiveList],
        ctx: &Ctx<'a>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let conditions = with_conditions(&ctx.conditions, conditions_of(&field.directives));
        self.fg.touch_conditions(group, &conditions);
        let mut cursor = Vec::new();
        for directives in wrappers {
            let i = self
                .sel_mut(group, &cursor)
                .add_fragment(None, directives.clone());
            cursor.push(i);
        }
        self.add_local(group, &cursor, root, field, ctx, None, partial)
    }
}

/// Where a root field can go.
enum RootAlt {
    /// A root fetch already planned.
    Existing(usize),
    /// A new root fetch to this subgraph.
    New(GraphId),
}
