//! Walks the normalized operation over the query graph and fills the fetch-dependency graph:
//! each selection lands in the group of a subgraph that resolves it, jumping between subgraphs
//! through entity keys, fetching `@requires` fields first and using `@provides` where given.
//!
//! One file per decision: [`root`] places root fields (and orders mutations), [`fields`] keeps
//! a field in the current subgraph or sends it elsewhere, [`abstract_types`] plans fragments and
//! fields of interfaces and unions, [`choose`] picks the subgraph to jump to, [`entity_jump`]
//! makes the jump, [`requires`] fetches `@requires` fields first, [`provides`] reads what a
//! `@provides` gives, [`representation`] shapes the representations an entity fetch sends,
//! [`aliases`] gives internal fields keys that never clash, [`conditions`] carries
//! `@skip`/`@include`, [`split`] spreads a field's selection over several subgraphs when no
//! single one can finish it, [`reach`] says (memoized) whether a selection can be finished from
//! a position at all. The walker's state lives here; the files below only add to it.
//!
//! Choices are a search with backing out: where several subgraphs could take a field (a
//! shareable root field, a field the current subgraph resolves that others resolve too, several
//! jump targets), each that [`reach`] does not rule out is tried on a copy of the walker, the
//! ones that fail anywhere below are dropped, and the cheapest of the rest is kept ([`choose`]). Every step counts against a work
//! bound; past it planning fails with [`PlanError::TooComplex`](crate::PlanError::TooComplex).

mod abstract_types;
mod aliases;
mod choose;
mod conditions;
mod entity_jump;
mod fields;
mod provides;
mod reach;
mod reach_memo;
mod representation;
mod requires;
mod root;
mod split;

use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};

use apollo_compiler::executable::{Field, InlineFragment, SelectionSet};
use apollo_compiler::{Name, Node};
use supergraph::{FieldMeta, GraphId, Supergraph};
use typed_arena::Arena;

use crate::error::PlanError;
use crate::fetch_graph::{Condition, FetchGraph};
use crate::plan::PathSegment;
use crate::query_graph::QueryGraph;
use crate::selection::{FieldSel, Sel};

use aliases::Claims;
use reach_memo::ReachMemo;

#[derive(Clone)]
pub(crate) struct Walker<'a> {
    sg: &'a Supergraph,
    qg: &'a QueryGraph,
    labels: &'a HashSet<String>,
    pub fg: FetchGraph,
    /// Groups that received selections since the last reset (to find what `@requires` waits on).
    touched: BTreeSet<usize>,
    stage: usize,
    last_mutation_group: Option<usize>,
    /// Trial walks this walker is nested in: below [`COMPARE_DEPTH`] of them, a search keeps
    /// the first candidate that works instead of comparing them all.
    trials: usize,
    /// For the selection set being planned: how many of its fields each subgraph resolves, so
    /// a jump goes where the most siblings can follow.
    preference: Vec<(GraphId, usize)>,
    /// The client's selection sets of the object being planned (several when fields with one
    /// response key merge there): internal fields whose response name they use for something
    /// else get an alias (see [`aliases::internal_alias`]).
    client_sets: Vec<&'a SelectionSet>,
    /// Response keys taken by internal fields, per response path: two different fields (one
    /// field with different arguments, needed by two `@requires`) never share a key, so one
    /// never overwrites the other in the response tree.
    claims: Claims,
    /// Fields the walker made itself: the part of a client field left for another subgraph
    /// when one cannot finish it ([`split`]).
    scratch: &'a Arena<Node<Field>>,
    /// Planning steps taken so far, shared by every trial copy of the walker.
    work: &'a Cell<usize>,
    work_limit: usize,
    /// Which selections can be finished from where ([`reach`]).
    reach: &'a ReachMemo,
    /// The planned keys being fetched (type holding the key, subgraph it leads to), innermost
    /// last: a key's fields are never fetched through a jump needing that same key.
    key_stack: Vec<(Name, GraphId)>,
}

/// How many levels of trial walks compare every candidate. Deeper, a search keeps the first
/// candidate that works: comparing there too would multiply the trials at every level (two
/// candidates per level of a chain of shareable fields is 2^depth walks).
pub(crate) const COMPARE_DEPTH: usize = 3;

/// What planning part of the operation achieved where a field may be split over subgraphs.
pub(crate) enum Outcome {
    /// Everything was planned.
    Done,
    /// Some was planned; the rest (a sub-selection of what was asked) is left, with why.
    Partly(SelectionSet, PlanError),
    /// Nothing was planned (the caller throws the attempt away).
    Nothing(PlanError),
}

impl Outcome {
    /// For callers that need everything planned.
    fn into_result(self) -> Result<(), PlanError> {
        match self {
            Outcome::Done => Ok(()),
            Outcome::Partly(_, error) | Outcome::Nothing(error) => Err(error),
        }
    }
}

/// Where to keep the work bound and the walker's own fields for one planning run.
pub(crate) struct Budget {
    pub scratch: Arena<Node<Field>>,
    pub work: Cell<usize>,
    pub limit: usize,
    pub reach: ReachMemo,
}

impl Budget {
    pub fn new(limit: usize) -> Self {
        Self {
            scratch: Arena::new(),
            work: Cell::new(0),
            limit,
            reach: ReachMemo::default(),
        }
    }
}

#[derive(Clone, Default)]
pub(crate) struct Ctx<'a> {
    pub path: Vec<PathSegment>,
    pub conditions: Vec<Condition>,
    /// What the field we came through `@provides` at this position, in this subgraph.
    provided: Option<&'a SelectionSet>,
    /// Planning key fields: overridden fields that remain for keys count as resolvable.
    for_key: bool,
    /// Planning fields only keys or `@requires` need (not asked by the client here).
    internal: bool,
    /// The field whose value is being planned (its subgraphs say who else could return it).
    via: Option<&'a FieldMeta>,
}

#[derive(Clone, Copy)]
enum Pending<'o> {
    Field(&'o Node<Field>),
    Fragment(&'o Node<InlineFragment>),
}

impl<'a> Walker<'a> {
    pub fn new(
        sg: &'a Supergraph,
        qg: &'a QueryGraph,
        labels: &'a HashSet<String>,
        budget: &'a Budget,
    ) -> Self {
        Self {
            sg,
            qg,
            labels,
            fg: FetchGraph::default(),
            touched: BTreeSet::new(),
            stage: 0,
            last_mutation_group: None,
            trials: 0,
            preference: Vec::new(),
            client_sets: Vec::new(),
            claims: Claims::default(),
            scratch: &budget.scratch,
            work: &budget.work,
            work_limit: budget.limit,
            reach: &budget.reach,
            key_stack: Vec::new(),
        }
    }

    /// Counts one planning step against the bound.
    fn spend(&self) -> Result<(), PlanError> {
        let done = self.work.get() + 1;
        self.work.set(done);
        if done > self.work_limit {
            return Err(PlanError::TooComplex {
                limit: self.work_limit,
            });
        }
        Ok(())
    }

    /// A copy of the walker to try a candidate on, one trial level deeper.
    fn trial(&self) -> Self {
        let mut trial = self.clone();
        trial.trials += 1;
        trial
    }

    /// Keeps what a trial planned, at this walker's trial level.
    fn adopt(&mut self, mut trial: Self) {
        trial.trials = self.trials;
        *self = trial;
    }

    fn graph_of(&self, group: usize) -> GraphId {
        self.fg.groups[group].graph
    }

    fn sel_mut(&mut self, group: usize, cursor: &[usize]) -> &mut Sel {
        self.fg.groups[group].selection.at_mut(cursor)
    }

    fn is_interface_object(&self, type_name: &str, graph: GraphId) -> bool {
        self.sg
            .type_meta(type_name)
            .and_then(|t| t.graphs.get(&graph))
            .is_some_and(|g| g.interface_object)
    }

    fn coordinate(parent: &str, field: &str) -> String {
        format!("{parent}.{field}")
    }

    fn add_typename(&mut self, group: usize, cursor: &[usize]) {
        self.sel_mut(group, cursor).add_field(FieldSel::typename());
        self.touched.insert(group);
    }
}
