//! Executes query plans: runs the subgraph fetches of a [`QueryPlan`] through a
//! [`SubgraphTransport`], merges every answer into one response tree, and shapes that tree into
//! exactly the response the GraphQL spec promises for the client's operation.
//!
//! # Flow
//!
//! ```ignore
//! // once per supergraph
//! let api_schema = Arc::new(supergraph.api_schema.clone());
//! let compiler = operation::Compiler::new(api_schema.clone(), Default::default());
//! let planner = planner::Planner::new(Arc::new(supergraph));
//! let executor = executor::Executor::new(api_schema);
//!
//! // per request
//! let prepared = compiler.compile(query, operation_name, &variables)?;
//! let input = planner::PreparedOperation::from_normalized(prepared.parsed().for_planner(), compiler.schema())?;
//! let plan = planner.plan(&input.input(), &options)?;
//! let response = executor
//!     .execute_prepared(&compiler, &prepared, &plan, &transport) // transport: impl SubgraphTransport
//!     .await;
//! let body = serde_json::to_vec(&response)?; // { "data": ..., "errors"?: [...], "extensions"?: {...} }
//! ```
//!
//! [`Executor::execute`] is the same without the `operation` crate's `PreparedOperation`: the
//! caller passes the normalized operation, the coerced variables and, when the operation asks
//! for `__schema`/`__type`, the [`IntrospectionResponse`] from `Compiler::introspect`.
//!
//! # What it guarantees
//! - `Parallel` children run concurrently (joined on the caller's task), `Sequence` in order,
//!   `Condition` on the Boolean variable.
//! - `Flatten` collects every object at its path (through lists at any depth, skipping nulls),
//!   sends ONE `_entities` request with each distinct representation once, and merges every
//!   answer into each object that produced it.
//! - The response has the operation's field order, aliases, `__typename`, fragments decided by
//!   the object's `__typename`, and nothing else (key and `@requires` fields never leak).
//! - Null propagation per spec §6.4.4 against the API schema; wrongly-typed subgraph values are
//!   field errors (`RESPONSE_VALIDATION_FAILED`).
//! - Subgraph errors are forwarded with client paths, `serviceName` and their own `code`
//!   (default `DOWNSTREAM_SERVICE_ERROR`); a failed fetch gives one error with
//!   [`FetchError::code`] and nulls where its data would have been; the rest is still returned.

mod blame;
mod dedupe;
mod entities;
mod errors;
mod leaf;
mod locations;
mod project;
mod provenance;
mod representation;
pub mod response;
mod rewrites;
mod run;
pub mod transport;
mod tree;
pub mod value;
mod walk;

use std::sync::Arc;

use apollo_compiler::Schema;
use apollo_compiler::validation::Valid;
use operation::{Compiler, IntrospectionResponse, NormalizedOperation, PreparedOperation};
use planner::QueryPlan;
use serde_json::Map;

pub use project::UNAUTHORIZED_DIRECTIVE;
pub use response::{GraphQLError, Location, PathElement, Response, codes};
pub use transport::{FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
pub use value::{Object, Str, Value};

/// Runs plans against one API schema. Cheap to share between requests.
#[derive(Debug, Clone)]
pub struct Executor {
    schema: Arc<Valid<Schema>>,
}

/// Everything one execution needs besides the transport.
#[derive(Debug, Clone, Copy)]
pub struct ExecutionRequest<'a> {
    pub plan: &'a QueryPlan,
    /// The client's whole normalized operation, root meta-fields included (plans leave
    /// `__schema`, `__type` and root `__typename` out; the executor answers them).
    pub operation: &'a NormalizedOperation,
    /// Coerced variables: used for fetches, `Condition` nodes and any `@skip`/`@include` left.
    pub variables: &'a Map<String, serde_json::Value>,
    /// The answer to `__schema`/`__type`, when the operation asks for them. Without it those
    /// fields are null with an `INTROSPECTION_UNAVAILABLE` error. Root `__typename` needs none.
    pub introspection: Option<&'a IntrospectionResponse>,
}

impl Executor {
    /// `api_schema`: the schema clients see (the same one the `operation` compiler uses).
    pub fn new(api_schema: Arc<Valid<Schema>>) -> Self {
        Self { schema: api_schema }
    }

    pub fn schema(&self) -> &Arc<Valid<Schema>> {
        &self.schema
    }

    /// Runs `plan` for a prepared operation, answering introspection through `compiler`.
    pub async fn execute_prepared(
        &self,
        compiler: &Compiler,
        prepared: &PreparedOperation,
        plan: &QueryPlan,
        transport: &dyn SubgraphTransport,
    ) -> Response {
        let operation = prepared.normalized();
        let mut request_errors = Vec::new();
        let introspection = if operation.has_schema_introspection() {
            match compiler.introspect(prepared) {
                Ok(answer) => Some(answer),
                Err(error) => {
                    request_errors.push(GraphQLError::new(
                        error.to_string(),
                        codes::INTROSPECTION_UNAVAILABLE,
                    ));
                    None
                }
            }
        } else {
            None
        };
        let mut response = self
            .execute(
                ExecutionRequest {
                    plan,
                    operation,
                    variables: prepared.variables(),
                    introspection: introspection.as_ref(),
                },
                transport,
            )
            .await;
        // Only the document knows where fields are written: name them in our own errors.
        let parsed = prepared.parsed();
        for error in &mut response.errors {
            if error.locations.is_empty()
                && error.code() == Some(codes::RESPONSE_VALIDATION_FAILED)
                && let Some(path) = &error.path
                && let Some(location) =
                    locations::locate(parsed.document(), parsed.operation(), path)
            {
                error.locations.push(location);
            }
        }
        if !request_errors.is_empty() {
            request_errors.append(&mut response.errors);
            response.errors = request_errors;
        }
        response
    }

    /// Runs `request.plan` and shapes the response for `request.operation`.
    pub async fn execute(
        &self,
        request: ExecutionRequest<'_>,
        transport: &dyn SubgraphTransport,
    ) -> Response {
        let schema: &Schema = &self.schema;
        let run = run::Run::new(schema, request.variables, transport);
        if let Some(node) = &request.plan.node {
            run.run(node, Vec::new()).await;
        }
        let run::Outcome {
            mut data,
            mut errors,
            blamed,
        } = run.into_outcome();
        errors::dedupe(&mut errors);

        self.add_introspection(&request, &mut data, &mut errors);

        let mut reported = blame::PathTrie::default();
        for path in errors.iter().filter_map(|e| e.path.as_deref()) {
            if !path.is_empty() {
                reported.insert(path);
            }
        }
        for path in &blamed {
            reported.insert(path);
        }
        let mut projector = project::Projector::new(schema, request.variables, &reported);
        let data = projector.root(data, &request.operation.selection_set);
        if let Some(node) = &request.plan.node {
            // Built at the first such error: most responses have none.
            let mut provenance = None;
            for error in &mut projector.errors {
                if error.code() == Some(codes::RESPONSE_VALIDATION_FAILED)
                    && let Some(path) = &error.path
                    && let Some(service) = provenance
                        .get_or_insert_with(|| provenance::Provenance::new(node))
                        .service_for(path)
                {
                    error
                        .extensions
                        .insert("serviceName".into(), service.into());
                }
            }
        }
        errors.append(&mut projector.errors);
        Response {
            data: Some(data),
            errors,
            extensions: Map::new(),
        }
    }

    /// Puts the `__schema`/`__type` answers where projection will find them: the planner
    /// never fetches those keys, so they cannot clash with subgraph data.
    fn add_introspection(
        &self,
        request: &ExecutionRequest<'_>,
        data: &mut Object,
        errors: &mut Vec<GraphQLError>,
    ) {
        let asked = request
            .operation
            .root_fields()
            .filter(|f| f.name == "__schema" || f.name == "__type");
        match request.introspection {
            Some(answer) => {
                for field in asked {
                    let key = field.response_key().as_str();
                    if let Some(value) = answer.data.get(key) {
                        data.insert(key, Value::from(value));
                    }
                }
                errors.extend(answer.errors.iter().map(errors::from_introspection));
            }
            None => {
                for field in asked {
                    errors.push(
                        GraphQLError::new(
                            "introspection was not answered for this request",
                            codes::INTROSPECTION_UNAVAILABLE,
                        )
                        .with_path(Some(vec![PathElement::Key(
                            field.response_key().to_string(),
                        )])),
                    );
                }
            }
        }
    }
}
