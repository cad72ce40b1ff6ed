//! Choosing the subgraph a field jumps to: one already fetched at this path, else the one most
//! sibling fields can follow, else the one needing the fewest fetches; through an intermediate
//! subgraph when no direct key leads to one.

use std::collections::BTreeSet;

use apollo_compiler::Name;
use apollo_compiler::executable::{Field, SelectionSet};
use supergraph::GraphId;

use super::{Ctx, Pending, Walker};
use crate::error::PlanError;
use crate::query_graph::Jump;

impl<'a> Walker<'a> {
    pub(super) fn preference_for(
        &self,
        parent: &Name,
        set: &SelectionSet,
    ) -> Vec<(GraphId, usize)> {
        let mut counts: Vec<(GraphId, usize)> = Vec::new();
        for field in set.fields() {
            let Some(meta) = self.sg.field_meta(parent, &field.name) else {
                continue;
            };
            for (graph, in_graph) in &meta.graphs {
                if in_graph.resolves(self.labels) {
                    match counts.iter_mut().find(|(g, _)| g == graph) {
                        Some((_, count)) => *count += 1,
                        None => counts.push((*graph, 1)),
                    }
                }
            }
        }
        counts
    }

    pub(super) fn jump(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let graph = self.graph_of(group);
        let sg = self.sg;
        let labels = self.labels;
        let needs_implementations = match pending {
            Pending::Field(field) => field.name == "__typename",
            Pending::Fragment(_) => true,
        };
        let target_ok = |jump: &&Jump| -> bool {
            if needs_implementations {
                return jump.to != graph && !self.is_interface_object(&jump.key_type, jump.to);
            }
            let Pending::Field(field) = pending else {
                return false;
            };
            let holder = if jump.key_type != *parent {
                &jump.key_type
            } else {
                parent
            };
            sg.field_meta(holder, &field.name)
                .and_then(|m| m.graphs.get(&jump.to))
                .is_some_and(|f| f.resolves(labels) && (jump.to != graph || f.requires.is_some()))
        };
        let jumps: Vec<Jump> = self
            .qg
            .jumps(parent, graph)
            .iter()
            .filter(target_ok)
            .cloned()
            .collect();
        if jumps.is_empty()
            && let Pending::Field(field) = pending
            && let Some(hop) = self.first_hop(parent, graph, field)
        {
            // No subgraph that resolves the field takes a key this one has: go through an
            // intermediate subgraph that can provide one.
            return self.do_jump(group, cursor, parent, pending, ctx, &hop, true);
        }
        if jumps.is_empty() {
            let (coordinate, candidates) = match pending {
                Pending::Field(field) => {
                    let candidates: Vec<String> = sg
                        .field_meta(parent, &field.name)
                        .map(|m| {
                            m.graphs
                                .iter()
                                .filter(|(_, f)| f.resolves(labels))
                                .map(|(g, _)| sg.subgraph(*g).name.clone())
                                .collect()
                        })
                        .unwrap_or_default();
                    (Self::coordinate(parent, &field.name), candidates)
                }
                Pending::Fragment(fragment) => (
                    format!(
                        "{parent} (fragment on {})",
                        fragment.type_condition.as_deref().unwrap_or(parent)
                    ),
                    Vec::new(),
                ),
            };
            if candidates.is_empty() && matches!(pending, Pending::Field(_)) {
                return Err(PlanError::NoSubgraphResolves {
                    coordinate,
                    reason: format!(
                        " (reached from subgraph \"{}\" at path \"{}\")",
                        sg.subgraph(graph).name,
                        crate::display::path_text(&ctx.path)
                    ),
                });
            }
            return Err(PlanError::Unreachable {
                coordinate,
                path: crate::display::path_text(&ctx.path),
                from: sg.subgraph(graph).name.clone(),
                candidates: if candidates.is_empty() {
                    "subgraphs knowing the implementations".into()
                } else {
                    candidates.join(", ")
                },
            });
        }
        // Prefer a subgraph already fetched at this path: no extra round trip.
        if let Some(jump) = jumps.iter().find(|j| {
            self.find_entity_group(j.to, &ctx.path, &BTreeSet::from([group]), None)
                .is_some()
        }) {
            return self.do_jump(group, cursor, parent, pending, ctx, jump, false);
        }
        if jumps.len() == 1 {
            return self.do_jump(group, cursor, parent, pending, ctx, &jumps[0], false);
        }
        let score = |jump: &Jump| {
            self.preference
                .iter()
                .find(|(g, _)| *g == jump.to)
                .map_or(0, |(_, count)| *count)
        };
        let best_score = jumps.iter().map(score).max().unwrap_or(0);
        let jumps: Vec<Jump> = jumps
            .into_iter()
            .filter(|j| score(j) == best_score)
            .collect();
        if jumps.len() == 1 {
            return self.do_jump(group, cursor, parent, pending, ctx, &jumps[0], false);
        }
        // Several subgraphs could answer: keep the one that needs the fewest fetches (ties go to
        // the first in supergraph order).
        let mut best: Option<(usize, Self)> = None;
        for jump in &jumps {
            let mut trial = self.clone();
            trial.do_jump(group, cursor, parent, pending, ctx, jump, false)?;
            let cost = trial.fg.groups.len();
            if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
                best = Some((cost, trial));
            }
        }
        if let Some((_, walker)) = best {
            *self = walker;
        }
        Ok(())
    }

    /// First jump of the shortest chain of jumps from `from` to a subgraph resolving `field`.
    fn first_hop(&self, parent: &Name, from: GraphId, field: &Field) -> Option<Jump> {
        let resolves = |graph: GraphId| {
            self.sg
                .field_meta(parent, &field.name)
                .and_then(|m| m.graphs.get(&graph))
                .is_some_and(|f| f.resolves(self.labels))
        };
        let mut seen = BTreeSet::from([from]);
        // (graph reached, first hop taken to get there)
        let mut frontier: Vec<(GraphId, Jump)> = Vec::new();
        for jump in self.qg.jumps(parent, from) {
            if jump.key_type == *parent && seen.insert(jump.to) {
                frontier.push((jump.to, jump.clone()));
            }
        }
        while !frontier.is_empty() {
            if let Some((_, first)) = frontier.iter().find(|(g, _)| resolves(*g)) {
                return Some(first.clone());
            }
            let mut next = Vec::new();
            for (graph, first) in &frontier {
                for jump in self.qg.jumps(parent, *graph) {
                    if jump.key_type == *parent && seen.insert(jump.to) {
                        next.push((jump.to, first.clone()));
                    }
                }
            }
            frontier = next;
        }
        None
    }
}
