//! Choosing where a field goes, as a search that backs out: the candidates (stay in the current
//! subgraph, or jump to each subgraph that resolves the field) come in tiers — staying, then a
//! subgraph already fetched at this path, then by how many sibling fields each target resolves
//! — and each candidate of a tier is tried on a copy of the walker with the whole selection
//! below it, unless [`reach`] already knows it cannot finish that selection (then it is not
//! walked at all). Candidates that fail anywhere below are dropped; the cheapest success of the first
//! tier that has one is kept (a stay that needed new fetches is compared with the next tier
//! too). Below [`COMPARE_DEPTH`] levels of trials the first candidate that works is kept.
//! When every candidate fails, the field's selection is split over them ([`split`]).
//! Through an intermediate subgraph when no direct key leads to one.
//!
//! [`split`]: super::split
//! [`reach`]: super::reach

use std::collections::BTreeSet;

use apollo_compiler::executable::{Field, SelectionSet};
use apollo_compiler::{Name, Node};
use supergraph::GraphId;

use super::{COMPARE_DEPTH, Ctx, Outcome, Pending, Walker};
use crate::error::PlanError;
use crate::query_graph::Jump;

/// One place a field can go.
#[derive(Clone)]
pub(super) enum Alt<'a> {
    /// The current group (its subgraph resolves the field, or a `@provides` gives it).
    Stay(Option<&'a SelectionSet>),
    /// An entity jump to a subgraph resolving the field.
    Jump(Jump),
    /// A jump to an intermediate subgraph, the field planned again from there.
    Forward(Jump),
}

/// What a plan costs: fetches, then the longest chain of fetches waiting on each other.
pub(super) type Cost = (usize, usize);

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

    pub(super) fn cost(&self) -> Cost {
        let depth = self.fg.levels().into_iter().max().unwrap_or(0);
        (self.fg.groups.len(), depth)
    }

    /// Sends `pending` (a `__typename` or fragment that needs the implementations, or a field
    /// this subgraph does not resolve) through the best entity jump that can finish it.
    pub(super) fn jump(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
    ) -> Result<(), PlanError> {
        let tiers = self.jump_tiers(group, parent, pending, ctx);
        if tiers.is_empty() {
            return Err(self.unreachable(group, parent, pending, ctx));
        }
        self.search(group, cursor, parent, pending, ctx, tiers, false)?
            .into_result()
    }

    /// A field several subgraphs could take (`stay`: the current one, with what a `@provides`
    /// gives), or that only jumps reach.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn choose_field(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        field: &'a Node<Field>,
        ctx: &Ctx<'a>,
        stay: Option<Option<&'a SelectionSet>>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let pending = Pending::Field(field);
        let mut tiers = Vec::new();
        if let Some(provided) = stay {
            tiers.push(vec![Alt::Stay(provided)]);
        }
        tiers.extend(self.jump_tiers(group, parent, pending, ctx));
        if tiers.is_empty() {
            let error = self.unreachable(group, parent, pending, ctx);
            return if partial {
                Ok(Outcome::Nothing(error))
            } else {
                Err(error)
            };
        }
        self.search(group, cursor, parent, pending, ctx, tiers, partial)
    }

    /// Tries the candidates tier by tier (see the module), then splits a field's selection over
    /// them when none can take it whole.
    #[allow(clippy::too_many_arguments)]
    fn search(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
        tiers: Vec<Vec<Alt<'a>>>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        let total: usize = tiers.iter().map(Vec::len).sum();
        if total == 1 {
            // Nothing to choose: plan in place (a failure is the caller's to back out of).
            let alt = &tiers[0][0];
            return self.run_alt(group, cursor, parent, pending, ctx, alt, partial);
        }
        let before = self.fg.groups.len();
        let mut best: Option<(Cost, Self)> = None;
        let mut first_error: Option<PlanError> = None;
        let mut pruned: Option<&Alt<'a>> = None;
        let compare = self.trials < COMPARE_DEPTH;
        'tiers: for tier in &tiers {
            let staying = matches!(tier.as_slice(), [Alt::Stay(_)]);
            for alt in tier {
                if !self.alt_can_finish(group, parent, pending, alt) {
                    pruned.get_or_insert(alt);
                    continue;
                }
                let mut trial = self.trial();
                match trial.run_alt(group, cursor, parent, pending, ctx, alt, false) {
                    Ok(_) => {
                        let cost = trial.cost();
                        if best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost) {
                            best = Some((cost, trial));
                        }
                        if !compare {
                            break 'tiers;
                        }
                    }
                    Err(error) if error.is_fatal() => return Err(error),
                    Err(error) => {
                        first_error.get_or_insert(error);
                    }
                }
            }
            match &best {
                // Staying that fetches nothing more cannot be beaten.
                Some(((groups, _), _)) if staying && *groups > before => {}
                Some(_) => break,
                None => {}
            }
        }
        if let Some((_, walker)) = best {
            self.adopt(walker);
            return Ok(Outcome::Done);
        }
        if first_error.is_none()
            && let Some(alt) = pruned
        {
            // Every candidate was ruled out without a walk: walk one for the error it meets
            // (kept if it plans after all, should `reach` ever be wrong).
            let mut trial = self.trial();
            match trial.run_alt(group, cursor, parent, pending, ctx, alt, false) {
                Ok(_) => {
                    self.adopt(trial);
                    return Ok(Outcome::Done);
                }
                Err(error) if error.is_fatal() => return Err(error),
                Err(error) => first_error = Some(error),
            }
        }
        let error = first_error.unwrap_or_else(|| self.unreachable(group, parent, pending, ctx));
        let Pending::Field(field) = pending else {
            return Err(error);
        };
        if field.selection_set.selections.is_empty() {
            return if partial {
                Ok(Outcome::Nothing(error))
            } else {
                Err(error)
            };
        }
        let alts: Vec<Alt<'a>> = tiers.into_iter().flatten().collect();
        self.split_field(group, cursor, parent, field, ctx, &alts, error, partial)
    }

    /// Whether `alt` can finish the selection below `pending` ([`super::reach`]): a candidate
    /// that cannot is not walked.
    fn alt_can_finish(
        &self,
        group: usize,
        parent: &Name,
        pending: Pending<'a>,
        alt: &Alt<'a>,
    ) -> bool {
        let Pending::Field(field) = pending else {
            return true;
        };
        match alt {
            Alt::Stay(provided) => {
                self.field_can_finish_in(parent, self.graph_of(group), field, provided.map(Some))
            }
            Alt::Jump(jump) => {
                let holder = if jump.key_type == *parent {
                    parent
                } else {
                    &jump.key_type
                };
                self.field_can_finish_in(holder, jump.to, field, None)
            }
            Alt::Forward(_) => true,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn run_alt(
        &mut self,
        group: usize,
        cursor: &[usize],
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
        alt: &Alt<'a>,
        partial: bool,
    ) -> Result<Outcome, PlanError> {
        match (alt, pending) {
            (Alt::Stay(provided), Pending::Field(field)) => {
                self.add_local(group, cursor, parent, field, ctx, *provided, partial)
            }
            (Alt::Stay(_), Pending::Fragment(fragment)) => self
                .plan_fragment(group, cursor, parent, fragment, ctx)
                .map(|()| Outcome::Done),
            (Alt::Jump(jump), _) => {
                self.do_jump(group, cursor, parent, pending, ctx, jump, false, partial)
            }
            (Alt::Forward(jump), _) => {
                self.do_jump(group, cursor, parent, pending, ctx, jump, true, partial)
            }
        }
    }

    /// The entity jumps that can take `pending`, in tiers: subgraphs already fetched at this
    /// path (no extra round trip), then by how many of the sibling fields each resolves; a
    /// forward jump through an intermediate subgraph when no direct one exists.
    fn jump_tiers(
        &self,
        group: usize,
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
    ) -> Vec<Vec<Alt<'a>>> {
        let graph = self.graph_of(group);
        let sg = self.sg;
        let labels = self.labels;
        let needs_implementations = match pending {
            Pending::Field(field) => field.name == "__typename",
            Pending::Fragment(_) => true,
        };
        let target_ok = |jump: &&Jump| -> bool {
            if jump.planned
                && self
                    .key_stack
                    .iter()
                    .any(|(t, g)| *t == jump.key_type && *g == jump.to)
            {
                return false;
            }
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
        let mut jumps: Vec<Jump> = self
            .qg
            .jumps(parent, graph)
            .iter()
            .filter(target_ok)
            .cloned()
            .collect();
        // A key this subgraph can send costs less than one that must be fetched first.
        jumps.sort_by_key(|j| j.planned);
        if jumps.is_empty() {
            if let Pending::Field(field) = pending
                && let Some(hop) = self.first_hop(parent, graph, field)
            {
                // No subgraph that resolves the field takes a key this one has: go through an
                // intermediate subgraph that can provide one.
                return vec![vec![Alt::Forward(hop)]];
            }
            return Vec::new();
        }
        let mut tiers = Vec::new();
        let (fetched, rest): (Vec<Jump>, Vec<Jump>) = jumps.drain(..).partition(|j| {
            self.find_entity_group(
                j.to,
                &ctx.path,
                &BTreeSet::from([group]),
                None,
                &ctx.conditions,
            )
            .is_some()
        });
        if !fetched.is_empty() {
            tiers.push(fetched.into_iter().map(Alt::Jump).collect());
        }
        let score = |jump: &Jump| {
            self.preference
                .iter()
                .find(|(g, _)| *g == jump.to)
                .map_or(0, |(_, count)| *count)
        };
        let mut scores: Vec<usize> = rest.iter().map(score).collect();
        scores.sort_unstable_by(|a, b| b.cmp(a));
        scores.dedup();
        for s in scores {
            tiers.push(
                rest.iter()
                    .filter(|j| score(j) == s)
                    .cloned()
                    .map(Alt::Jump)
                    .collect(),
            );
        }
        tiers
    }

    /// The error for `pending` when no candidate can take it: which field, where, from which
    /// subgraph, and which subgraphs resolve it.
    pub(super) fn unreachable(
        &self,
        group: usize,
        parent: &Name,
        pending: Pending<'a>,
        ctx: &Ctx<'a>,
    ) -> PlanError {
        let sg = self.sg;
        let graph = self.graph_of(group);
        let (coordinate, candidates) = match pending {
            Pending::Field(field) => {
                let candidates: Vec<String> = sg
                    .field_meta(parent, &field.name)
                    .map(|m| {
                        m.graphs
                            .iter()
                            .filter(|(_, f)| f.resolves(self.labels))
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
            return PlanError::NoSubgraphResolves {
                coordinate,
                reason: format!(
                    " (reached from subgraph \"{}\" at path \"{}\")",
                    sg.subgraph(graph).name,
                    crate::display::path_text(&ctx.path)
                ),
            };
        }
        let keyless = sg.type_meta(parent).is_some_and(|t| {
            t.graphs
                .values()
                .all(|g| g.keys.iter().all(|k| !k.resolvable))
        });
        if keyless && !candidates.is_empty() && matches!(pending, Pending::Field(_)) {
            return PlanError::NoKey {
                coordinate,
                path: crate::display::path_text(&ctx.path),
                from: sg.subgraph(graph).name.clone(),
                type_name: parent.to_string(),
                candidates: candidates.join(", "),
            };
        }
        PlanError::Unreachable {
            coordinate,
            path: crate::display::path_text(&ctx.path),
            from: sg.subgraph(graph).name.clone(),
            candidates: if candidates.is_empty() {
                "subgraphs knowing the implementations".into()
            } else {
                candidates.join(", ")
            },
        }
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
            if jump.key_type == *parent && !jump.planned && seen.insert(jump.to) {
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
                    if jump.key_type == *parent && !jump.planned && seen.insert(jump.to) {
                        next.push((jump.to, first.clone()));
                    }
                }
            }
            frontier = next;
        }
        None
    }
}
