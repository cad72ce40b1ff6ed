//! Whether a selection can be finished from a position (a type in a subgraph, with what a
//! `@provides` gives there), memoized per (type, subgraph, selection, provided): the search asks
//! before it tries a candidate, so a candidate that cannot finish the selection below it costs
//! no trial walk, and the answer for one selection at one position is worked out once per
//! planning run however many candidates lead there.
//!
//! An over-approximation of what the walker can do, never a "no" where a plan exists: a field
//! is reachable where the current subgraph resolves it (or a `@provides` gives it), or a
//! subgraph reached through a chain of key jumps does, and each of its sub-selections is
//! reachable from one of those (the walker spreads a field's selection over several subgraphs
//! when no single one finishes it); `@requires` counts as satisfiable, and selections on
//! abstract types or fragments narrowing to another type count as reachable (their own rules
//! are the walker's).

use std::collections::BTreeSet;

use apollo_compiler::Name;
use apollo_compiler::executable::{Field, Selection, SelectionSet};
use supergraph::GraphId;

use super::Walker;
use super::provides::provided_field;

impl<'a> Walker<'a> {
    /// Whether every selection of `set` can be reached from `graph` at `parent`.
    pub(super) fn can_finish(
        &self,
        parent: &Name,
        graph: GraphId,
        set: &SelectionSet,
        provided: Option<&SelectionSet>,
    ) -> bool {
        set.selections
            .iter()
            .all(|selection| self.can_reach(parent, graph, selection, provided))
    }

    fn can_reach(
        &self,
        parent: &Name,
        graph: GraphId,
        selection: &Selection,
        provided: Option<&SelectionSet>,
    ) -> bool {
        let abstract_parent = self.sg.type_meta(parent).is_none_or(|t| t.is_abstract());
        match selection {
            Selection::Field(field) if field.name == "__typename" => true,
            Selection::Field(_) if abstract_parent => true,
            Selection::Field(field) => {
                if let Some(known) = self.reach.get(parent, graph, field, provided) {
                    return known;
                }
                let reachable = self.field_reachable(parent, graph, field, provided);
                self.reach.record(parent, graph, field, provided, reachable);
                reachable
            }
            Selection::InlineFragment(fragment) => {
                let same_type = fragment
                    .type_condition
                    .as_ref()
                    .is_none_or(|condition| condition == parent);
                !same_type || self.can_finish(parent, graph, &fragment.selection_set, provided)
            }
            Selection::FragmentSpread(_) => true,
        }
    }

    fn field_reachable(
        &self,
        parent: &Name,
        graph: GraphId,
        field: &Field,
        provided: Option<&SelectionSet>,
    ) -> bool {
        let Some(meta) = self.sg.field_meta(parent, &field.name) else {
            return false;
        };
        let inner = meta.ty.inner_named_type();
        // Where the field can be read, with what a `@provides` gives below it there.
        let mut candidates: Vec<(GraphId, Option<&SelectionSet>)> = Vec::new();
        if let Some(sub) = provided.and_then(|p| provided_field(p, parent, &field.name)) {
            candidates.push((graph, (!sub.selections.is_empty()).then_some(sub)));
        }
        for (target, holder) in self.jump_closure(parent, graph) {
            if let Some(in_graph) = self
                .sg
                .field_meta(&holder, &field.name)
                .and_then(|m| m.graphs.get(&target))
                && in_graph.resolves(self.labels)
            {
                let below = in_graph.provides.as_ref().map(|p| &p.selection_set);
                candidates.push((target, below));
            }
        }
        if candidates.is_empty() {
            return false;
        }
        field.selection_set.selections.iter().all(|selection| {
            candidates
                .iter()
                .any(|&(at, below)| self.can_reach(inner, at, selection, below))
        })
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

impl<'a> Walker<'a> {
    /// Whether `field` of `holder`, read in `graph` (where a `@provides` gives `provided`
    /// below it, or `None` for the subgraph's own), can have its whole selection finished.
    pub(super) fn field_can_finish_in(
        &self,
        holder: &Name,
        graph: GraphId,
        field: &Field,
        provided: Option<Option<&SelectionSet>>,
    ) -> bool {
        let Some(meta) = self.sg.field_meta(holder, &field.name) else {
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
        self.can_finish(
            meta.ty.inner_named_type(),
            graph,
            &field.selection_set,
            below,
        )
    }
}
