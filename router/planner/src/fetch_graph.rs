//! The fetch-dependency graph: groups of selections sent to one subgraph in one request, and
//! which groups must finish before each can start.

use std::collections::BTreeSet;

use apollo_compiler::Name;
use supergraph::GraphId;

use crate::plan::{OperationKind, PathSegment, Rewrite};
use crate::selection::Sel;

/// A variable condition: the group runs only when `variable` equals `expected`.
pub(crate) type Condition = (Name, bool);

#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub graph: GraphId,
    /// Where representations are collected, for `_entities` groups (empty for root groups).
    pub path: Vec<PathSegment>,
    pub entity: bool,
    pub kind: OperationKind,
    /// Representation shape, `... on T { __typename key required }`.
    pub requires: Sel,
    pub selection: Sel,
    pub deps: BTreeSet<usize>,
    /// Conditions shared by everything in the group (`None` until something is added).
    pub conditions: Option<Vec<Condition>>,
    /// For `_entities` groups: the conditions of the selections above `path` (in earlier
    /// groups). Nothing in the group's own selection says them, so only content reached under
    /// the same ones may join it: content reached under fewer would make the group run when
    /// the representations it needs were skipped.
    pub context: Vec<Condition>,
    pub input_rewrites: Vec<Rewrite>,
    pub output_rewrites: Vec<Rewrite>,
    /// Mutation step the group belongs to (0 for queries).
    pub stage: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FetchGraph {
    pub groups: Vec<Group>,
}

impl FetchGraph {
    pub fn add(&mut self, group: Group) -> usize {
        self.groups.push(group);
        self.groups.len() - 1
    }

    /// Whether `a` (transitively) waits for `b`.
    pub fn depends_on(&self, a: usize, b: usize) -> bool {
        let mut stack = vec![a];
        let mut seen = BTreeSet::new();
        while let Some(current) = stack.pop() {
            if !seen.insert(current) {
                continue;
            }
            for &dep in &self.groups[current].deps {
                if dep == b {
                    return true;
                }
                stack.push(dep);
            }
        }
        false
    }

    /// Records that content under `conditions` was added: the group keeps only the conditions
    /// common to all its content.
    pub fn touch_conditions(&mut self, group: usize, conditions: &[Condition]) {
        let group = &mut self.groups[group];
        group.conditions = Some(match group.conditions.take() {
            None => conditions.to_vec(),
            Some(existing) => existing
                .into_iter()
                .filter(|c| conditions.contains(c))
                .collect(),
        });
    }

    /// Longest chain of dependencies below each group: its stage in the plan.
    pub fn levels(&self) -> Vec<usize> {
        let mut levels: Vec<Option<usize>> = vec![None; self.groups.len()];
        fn level_of(
            graph: &FetchGraph,
            i: usize,
            levels: &mut Vec<Option<usize>>,
            depth: usize,
        ) -> usize {
            if let Some(level) = levels[i] {
                return level;
            }
            // Guards against a cycle, which the walker never builds.
            if depth > graph.groups.len() {
                return 0;
            }
            let level = graph.groups[i]
                .deps
                .iter()
                .map(|&d| level_of(graph, d, levels, depth + 1) + 1)
                .max()
                .unwrap_or(0);
            levels[i] = Some(level);
            level
        }
        (0..self.groups.len())
            .map(|i| level_of(self, i, &mut levels, 0))
            .collect()
    }
}
