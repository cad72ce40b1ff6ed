//! Stage 5: run the plan's fetches against the subgraphs and shape the response for the
//! client's operation (the executor also places the introspection answer).

use executor::{ExecutionRequest, Response};
use operation::{IntrospectionResponse, PreparedOperation};
use planner::QueryPlan;

use crate::state::RouterState;
use crate::transport::RequestTransport;

pub async fn execute(
    state: &RouterState,
    prepared: &PreparedOperation,
    plan: &QueryPlan,
    introspection: Option<&IntrospectionResponse>,
    transport: &RequestTransport,
) -> Response {
    tracing::debug!(traceparent = %transport.trace(), "executing");
    state
        .executor
        .execute(
            ExecutionRequest {
                plan,
                operation: prepared.normalized(),
                variables: prepared.variables(),
                introspection,
            },
            transport,
        )
        .await
}
