//! Walks the plan: `Sequence` in order, `Parallel` concurrently (joined futures on the caller's
//! task), `Condition` on a Boolean variable, `Flatten` by path, `Fetch` through the transport.
//! Every answer is merged into one shared response tree.

use std::sync::{Mutex, MutexGuard, PoisonError};

use apollo_compiler::Schema;
use futures::future::{BoxFuture, FutureExt, join_all};
use planner::{FetchNode, PathSegment, PlanNode};
use serde_json::Map;

use crate::entities;
use crate::errors;
use crate::response::{GraphQLError, PathElement};
use crate::rewrites;
use crate::transport::{FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use crate::tree;
use crate::value::{Object, Value};

/// What a plan run leaves behind, for the projection.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The merged subgraph answers (an object), in subgraph shape.
    pub data: Object,
    pub errors: Vec<GraphQLError>,
    /// Where data is missing because a fetch failed (already reported once per fetch).
    pub blamed: Vec<Vec<PathElement>>,
}

pub(crate) struct Run<'a> {
    pub schema: &'a Schema,
    pub variables: &'a Map<String, serde_json::Value>,
    pub transport: &'a dyn SubgraphTransport,
    state: Mutex<Outcome>,
}

impl<'a> Run<'a> {
    pub fn new(
        schema: &'a Schema,
        variables: &'a Map<String, serde_json::Value>,
        transport: &'a dyn SubgraphTransport,
    ) -> Self {
        Self {
            schema,
            variables,
            transport,
            state: Mutex::new(Outcome::default()),
        }
    }

    pub fn into_outcome(self) -> Outcome {
        self.state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The lock is never held across an `.await`; poisoning cannot leave the tree half-merged
    /// in a way projection cannot cope with, so a poisoned lock is simply taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Outcome> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

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

    /// Sends `fetch` with the variables it uses plus `extra`.
    pub(crate) async fn send(
        &self,
        fetch: &FetchNode,
        extra: Option<(&str, Value)>,
    ) -> Result<SubgraphResponse, FetchError> {
        let mut variables = Object::with_capacity(fetch.variable_usages.len() + 1);
        for name in &fetch.variable_usages {
            if let Some(value) = self.variables.get(name) {
                variables.insert(name.as_str(), Value::from(value));
            }
        }
        if let Some((name, value)) = extra {
            variables.insert(name, value);
        }
        self.transport
            .fetch(SubgraphRequest {
                service_name: &fetch.service_name,
                operation_kind: fetch.operation_kind,
                operation_name: Some(&fetch.operation_name),
                query: &fetch.operation,
                variables,
            })
            .await
    }

    /// Records a failed fetch: one error, and the paths it should have filled.
    pub(crate) fn fail(
        &self,
        fetch: &FetchNode,
        error: &FetchError,
        path: Option<Vec<PathElement>>,
        blamed: Vec<Vec<PathElement>>,
    ) {
        let error = GraphQLError::new(error.to_string(), error.code())
            .with_path(path)
            .with_service(&fetch.service_name);
        let mut state = self.lock();
        state.errors.push(error);
        state.blamed.extend(blamed);
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

pub(crate) fn invalid(fetch: &FetchNode, reason: impl Into<String>) -> FetchError {
    FetchError::InvalidResponse {
        service: fetch.service_name.clone(),
        reason: reason.into(),
    }
}
