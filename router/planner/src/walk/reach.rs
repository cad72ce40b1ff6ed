//! Whether a selection can be finished from a position (a type in a subgraph, with what a
//! `@provides` gives there), memoized per (type, positions, selection): the search asks before
//! it tries a candidate, so a candidate that cannot finish the selection below it costs no
//! trial walk, and the answer for one selection at one position is worked out once per planning
//! run however many candidates lead there.
//!
//! An over-approximation of what the walker can do, never a "no" where a plan exists. A field
//! can be read from every position where the subgraph resolves it (or a `@provides` gives it),
//! or from a subgraph a chain of key jumps leads to; its sub-selections can then be read from
//! any of those, each from its own (the walker spreads a field's selection over several
//! subgraphs, at any depth, when no single one finishes it). `@requires` counts as satisfiable,
//! and selections on abstract types or fragments narrowing to another type count as reachable
//! (their own rules are the walker's).

use std::collections::BTreeSet;

use apollo_compiler::Name;
use apollo_compiler::executable::{Field, Selection, SelectionSet};
use supergraph::GraphId;

use super::Walker;
use super::provides::provided_field;
use super::reach_memo::Position;

impl<'a> Walker<'a> {
    /// Whether `field` of `holder`, read in `graph` (where a `@provides` gives `provided`
    /// below it, or `None` for the subgraph's own), can have its whole selection finished.
    pub(super) fn field_can_finish_in(
        &self,
        holder: &Name,
        graph: GraphId,
        field: &Field,
        provided: Option<Option<&'a SelectionSet>>,
    ) -> bool {
        let sg = self.sg;
        let Some(meta) = sg.field_meta(holder, &field.name) else {
            return false;
        };
        let below = match provided {
            Some(sub) => sub.filter(|s| !s.selections.is_empty()),
            None => meta
                .graphs
                .get(&graph)
                .and_then(|f| f.provides.as_ref())
                .map(|p| &p.selection_set),
        };
        let positions = [(graph, below)];
        field
            .selection_set
            .selections
            .iter()
            .all(|s| self.can_reach(meta.ty.inner_named_type(), &positions, s))
    }

    fn can_reach(&self, parent: &Name, positions: &[Position<'a>], selection: &Selection) -> bool {
        let abstract_parent = self.sg.type_meta(parent).is_none_or(|t| t.is_abstract());
        match selection {
            Selection::Field(field) if field.name == "__typename" => true,
            Selection::Field(_) if abstract_parent => true,
            Selection::Field(field) => {
                if let Some(known) = self.reach.get(parent, positions, field) {
                    return known;
                }
                let reachable = self.field_reachable(parent, positions, field);
                self.reach.record(parent, positions, field, reachable);
                reachable
            }
            Selection::InlineFragment(fragment) => {
                let same_type = fragment
                    .type_condition
                    .as_ref()
                    .is_none_or(|condition| condition == parent);
                !same_type
                    || fragment
                        .selection_set
                        .selections
                        .iter()
                        .all(|s| self.can_reach(parent, positions, s))
            }
            Selection::FragmentSpread(_) => true,
        }
    }

    fn field_reachable(&self, parent: &Name, positions: &[Position<'a>], field: &Field) -> bool {
        let sg = self.sg;
        let Some(meta) = sg.field_meta(parent, &field.name) else {
            return false;
        };
        // Every position the field can be read from, with what a `@provides` gives below it.
        let mut candidates: Vec<Position<'a>> = Vec::new();
        let mut push = |candidate: Position<'a>| {
            let same = |c: &Position<'a>| {
                c.0 == candidate.0
                    && match (c.1, candidate.1) {
                        (Some(x), Some(y)) => std::ptr::eq(x, y),
                        (None, None) => true,
                        _ => false,
                    }
            };
            if !candidates.iter().any(same) {
                candidates.push(candidate);
            }
        };
        for &(graph, provided) in positions {
            if let Some(sub) = provided.and_then(|p| provided_field(p, parent, &field.name)) {
                push((graph, (!sub.selections.is_empty()).then_some(sub)));
            }
            for (target, holder) in self.jump_closure(parent, graph) {
                if let Some(in_graph) = sg
                    .field_meta(&holder, &field.name)
                    .and_then(|m| m.graphs.get(&target))
                    && in_graph.resolves(self.labels)
                {
                    push((target, in_graph.provides.as_ref().map(|p| &p.selection_set)));
                }
            }
        }
        !candidates.is_empty()
            && field
                .selection_set
                .selections
                .iter()
                .all(|s| self.can_reach(meta.ty.inner_named_type(), &candidates, s))
    }

    /// `graph` and every subgraph a chain of key jumps leads to from it at `parent`, each with
    /// the type holding the fields there (`parent`, or the `@interfaceObject` interface).
    fn jump_closure(&self, parent: &Name, graph: GraphId) -> Vec<(GraphId, Name)> {
        let mut seen = BTreeSet::from([(graph, parent.clone())]);
        let mut order = vec![(graph, parent.clone())];
        let mut next = 0;
        while next < order.len() {
            let from = order[next].0;
            next += 1;
            for jump in self.qg.jumps(parent, from) {
                if seen.insert((jump.to, jump.key_type.clone())) {
                    order.push((jump.to, jump.key_type.clone()));
                }
            }
        }
        order
    }
}
