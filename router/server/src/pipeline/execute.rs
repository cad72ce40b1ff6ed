//! Stage 5: run the plan's fetches against the subgraphs and shape the response for the
//! client's operation (the executor also places the introspection answer). `operation` is the
//! normalized operation with unreadable fields marked (see [`super::authorize`]).

use executor::{ExecutionRequest, Executor, Response};
use operation::{IntrospectionResponse, NormalizedOperation, PreparedOperation};
use planner::QueryPlan;

use router_transport::RequestTransport;

pub async fn execute(
    executor: &Executor,
    prepared: &PreparedOperation,
    operation: &NormalizedOperation,
    plan: &QueryPlan,
    introspection: Option<&IntrospectionResponse>,
    transport: &RequestTransport,
) -> Response {
    tracing::debug!(traceparent = %transport.trace(), "executing");
    executor
        .execute(
            ExecutionRequest {
                plan,
                operation,
                variables: prepared.variables(),
                introspection,
            },
            transport,
        )
        .await
}
