//! The query planner: from a supergraph and a normalized client operation, the plan of subgraph
//! fetches that gets exactly what the operation needs in as few round trips as possible.
//!
//! Shape: a [query graph](query_graph) built once per supergraph; a [walk](walk) of the
//! operation over it that fills a [fetch-dependency graph](fetch_graph); [passes] over that
//! graph; [conversion](to_plan) into [`PlanNode`]s.
//!
//! `__typename` on the root type and introspection fields (`__schema`, `__type`) are left out of
//! plans: the executor answers them from the API schema. An operation with nothing else plans
//! to an empty [`QueryPlan`] (`node: None`).

mod display;
mod document;
mod error;
mod fetch_graph;
mod input;
mod passes;
mod plan;
mod query_graph;
mod selection;
mod to_plan;
mod walk;

use std::sync::Arc;

use apollo_compiler::executable::OperationType;
use supergraph::Supergraph;

pub use apollo_compiler;

pub use document::PreparedOperation;
pub use error::PlanError;
pub use input::{OperationInput, PlanOptions};
pub use plan::{FetchNode, OperationKind, PathSegment, PlanNode, QueryPlan, Rewrite, Selection};

/// A planner for one supergraph; cheap to share, plans concurrently.
#[derive(Debug, Clone)]
pub struct Planner {
    supergraph: Arc<Supergraph>,
    graph: Arc<query_graph::QueryGraph>,
    work_limit: usize,
}

/// Planning steps (fields placed, including every trial of a choice) one operation may take
/// before planning fails with [`PlanError::TooComplex`]. The benchmark's deep query takes 74, a
/// chain of 16 shareable fields each needing a jump 376.
pub const DEFAULT_WORK_LIMIT: usize = 20_000;

impl Planner {
    pub fn new(supergraph: Arc<Supergraph>) -> Self {
        let graph = Arc::new(query_graph::QueryGraph::build(&supergraph));
        Self {
            supergraph,
            graph,
            work_limit: DEFAULT_WORK_LIMIT,
        }
    }

    /// The same planner with another bound on planning steps per operation.
    pub fn with_work_limit(mut self, limit: usize) -> Self {
        self.work_limit = limit;
        self
    }

    pub fn supergraph(&self) -> &Arc<Supergraph> {
        &self.supergraph
    }

    /// Every progressive-override label of the supergraph (for the caller to decide per request).
    pub fn override_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self
            .supergraph
            .types
            .values()
            .flat_map(|t| t.fields.values())
            .flat_map(|f| f.graphs.values())
            .filter_map(|f| f.override_label.clone())
            .collect();
        labels.sort();
        labels.dedup();
        labels
    }

    pub fn plan(
        &self,
        operation: &OperationInput<'_>,
        options: &PlanOptions,
    ) -> Result<QueryPlan, PlanError> {
        let sg = &*self.supergraph;
        let (kind, root_kind, label) = match operation.kind {
            OperationType::Query => (
                OperationKind::Query,
                apollo_compiler::ast::OperationType::Query,
                "query",
            ),
            OperationType::Mutation => (
                OperationKind::Mutation,
                apollo_compiler::ast::OperationType::Mutation,
                "mutation",
            ),
            OperationType::Subscription => (
                OperationKind::Subscription,
                apollo_compiler::ast::OperationType::Subscription,
                "subscription",
            ),
        };
        let root = sg
            .api_schema
            .root_operation(root_kind)
            .ok_or(PlanError::NoRootType(label))?
            .clone();
        let budget = walk::Budget::new(self.work_limit);
        let mut walker =
            walk::Walker::new(sg, &self.graph, &options.enabled_override_labels, &budget);
        walker.plan_root(
            kind,
            &root,
            operation.selection_set,
            &[],
            &walk::Ctx::default(),
        )?;
        let mut fetch_graph = walker.fg;
        passes::run(sg, &mut fetch_graph);
        Ok(QueryPlan {
            node: to_plan::to_plan(sg, &fetch_graph, operation.name, operation.variables),
        })
    }
}
