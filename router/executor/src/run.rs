//! The state of one plan run, shared by the plan walk (`walk`) and the entity fetches
//! (`entities`): the schema, the variables, the transport, and the one response tree every
//! answer is merged into; sending a fetch and recording a failed one.

use std::sync::{Mutex, MutexGuard, PoisonError};

use apollo_compiler::Schema;
use planner::FetchNode;
use serde_json::Map;

use crate::response::{GraphQLError, PathElement};
use crate::transport::{FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
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
}

pub(crate) fn invalid(fetch: &FetchNode, reason: impl Into<String>) -> FetchError {
    FetchError::InvalidResponse {
        service: fetch.service_name.clone(),
        reason: reason.into(),
    }
}
