//! Walks the plan: `Sequence` in order, `Parallel` concurrently (joined futures on the caller's
//! task), `Condition` on a Boolean variable, `Flatten` by path, `Fetch` through the transport
//! (a root fetch here, an entity fetch in `entities`). Every answer is merged into the run's
//! one shared response tree.

use futures::future::{BoxFuture, FutureExt, join_all};
use planner::{FetchNode, PathSegment, PlanNode};

use crate::entities;
use crate::errors;
use crate::response::GraphQLError;
use crate::rewrites;
use crate::run::{Run, invalid};
use crate::tree;
use crate::value::Value;

impl<'a> Run<'a> {
    pub fn run<'s>(&'s self, node: &'a PlanNode, path: Vec<&'a PathSegment>) -> BoxFuture<'s, ()> {
        async move {
            match node {
                PlanNode::Fetch(fetch) => match (&fetch.requires, path.is_empty()) {
                    (Some(requires), false) => {
                        entities::fetch(self, fetch, requires, &path).await;
                    }
                    _ => self.root_fetch(fetch).await,
                },
                PlanNode::Flatten { path: more, node } => {
                    let mut path = path;
                    path.extend(more.iter());
                    self.run(node, path).await;
                }
                PlanNode::Sequence { nodes } => {
                    for node in nodes {
                        self.run(node, path.clone()).await;
                    }
                }
                PlanNode::Parallel { nodes } => {
                    join_all(nodes.iter().map(|node| self.run(node, path.clone()))).await;
                }
                PlanNode::Condition {
                    condition,
                    if_clause,
                    else_clause,
                } => {
                    let branch =
                        if self.variables.get(condition) == Some(&serde_json::Value::Bool(true)) {
                            if_clause
                        } else {
                            else_clause
                        };
                    if let Some(node) = branch {
                        self.run(node, path).await;
                    }
                }
            }
        }
        .boxed()
    }

    async fn root_fetch(&self, fetch: &'a FetchNode) {
        let result = self.send(fetch, None).await;
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                self.fail(fetch, &error, None, errors::root_keys(&fetch.operation));
                return;
            }
        };
        let data = match response.data {
            Some(Value::Object(data)) => Some(data),
            Some(Value::Null) | None if !response.errors.is_empty() => None,
            Some(Value::Null) | None => {
                let error = invalid(fetch, "no `data` and no `errors`");
                self.fail(fetch, &error, None, errors::root_keys(&fetch.operation));
                return;
            }
            Some(_) => {
                let error = invalid(fetch, "`data` is not an object");
                self.fail(fetch, &error, None, errors::root_keys(&fetch.operation));
                return;
            }
        };
        let forwarded: Vec<GraphQLError> = response
            .errors
            .iter()
            .map(|e| {
                let mut path = errors::plain_path(e);
                if let Some(path) = &mut path {
                    errors::rename_keys(path, &fetch.output_rewrites);
                }
                errors::forward(e, &fetch.service_name, path)
            })
            .collect();
        let mut state = self.lock();
        state.errors.extend(forwarded);
        if data.is_none() {
            // The forwarded errors explain every field this fetch was to fill.
            state.blamed.extend(errors::root_keys(&fetch.operation));
        }
        if let Some(data) = data {
            let mut data = Value::Object(data);
            rewrites::apply_all(self.schema, &mut data, &fetch.output_rewrites);
            if let Value::Object(data) = data {
                tree::merge_objects(&mut state.data, data);
            }
        }
    }
}
