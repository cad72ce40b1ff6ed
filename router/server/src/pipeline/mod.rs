//! One client request, stage by stage: [`persisted`] (persisted-query ids to text, the
//! safelist), [`parse`] (parse + validate + pick the operation), [`prepare`] (coerce
//! variables), [`authorize`] (what the client may read), [`introspect`] (root meta-fields from
//! the API schema), [`plan`] (with [`plan_cache`]), [`execute`] (subgraph fetches), [`mask`]
//! (subgraph errors as `errors:` allows) and [`respond`] (one response in the client's field
//! order). Each stage is a function of what it needs (the compiler, the planner and its cache,
//! the persisted queries, ...), never of the whole [`RouterState`]: [`ready`] and
//! `run_stages` below hand each one its part, so the request reads top to bottom here. Media
//! types and status codes are the HTTP layer's business ([`crate::http`]).

pub mod authorize;
pub mod codes;
pub mod execute;
pub mod introspect;
pub mod mask;
pub mod parse;
pub mod persisted;
pub mod plan;
pub mod plan_cache;
pub mod plan_key;
pub mod prepare;
mod request;
mod request_error;
pub mod respond;

pub use request::{GraphQLRequest, Method, RequestContext};
pub use request_error::{RequestError, error_json};

use std::sync::Arc;

use planner::QueryPlan;
use tracing::Instrument;
use tracing::field::Empty;

use crate::state::RouterState;
use router_transport::RequestTransport;

/// Runs every stage; `Ok` is a response body with `data`.
pub async fn run(
    state: &RouterState,
    request: GraphQLRequest,
    context: &RequestContext,
) -> Result<executor::Response, RequestError> {
    // Made first so that every log line of the request carries its trace id.
    let transport =
        state
            .http
            .for_request(&context.headers, &state.metrics, context.claims.as_deref());
    let span = tracing::info_span!(
        "graphql_request",
        graphql.operation.name = Empty,
        graphql.operation.type = Empty,
        method = ?context.method,
        trace_id = %transport.trace().trace_id_hex(),
        otel.status_code = Empty,
    );
    async move {
        let result = run_stages(state, &request, context, &transport).await;
        if let Err(error) = &result {
            if error.status.is_server_error() {
                tracing::Span::current().record("otel.status_code", "ERROR");
            }
            tracing::info!(status = error.status.as_u16(), errors = ?error.errors, "request refused");
        }
        result
    }
    .instrument(span)
    .await
}

async fn run_stages(
    state: &RouterState,
    request: &GraphQLRequest,
    context: &RequestContext,
    transport: &RequestTransport,
) -> Result<executor::Response, RequestError> {
    let ready = ready(state, request, context)?;
    let mut response = execute::execute(
        &state.executor,
        &ready.prepared,
        ready.authorized.for_response(ready.prepared.normalized()),
        &ready.plan,
        ready.introspection.as_ref(),
        transport,
    )
    .instrument(tracing::info_span!("execute"))
    .await;
    mask::mask(&state.config.errors, &mut response);
    Ok(respond::respond(
        response,
        context.want_plan.then_some(&*ready.plan),
    ))
}

/// A request ready for its subgraph fetches.
#[derive(Debug)]
pub struct Ready {
    pub prepared: operation::PreparedOperation,
    pub authorized: authorize::Authorized,
    /// The answer to `__schema`/`__type`, when asked.
    pub introspection: Option<operation::IntrospectionResponse>,
    pub plan: Arc<QueryPlan>,
}

/// Stages 1 to 4, everything before the subgraph fetches. For an operation already in the
/// parse and plan caches that is two cache lookups and the variables' coercion: nothing is
/// re-parsed, re-normalized or re-planned (the `request_preparation` bench measures it).
pub fn ready(
    state: &RouterState,
    request: &GraphQLRequest,
    context: &RequestContext,
) -> Result<Ready, RequestError> {
    authorize::require_identity(&state.config.authorization, context)?;
    let persisted = persisted::resolve(&state.persisted, request)?;
    let request = persisted.request();
    // `parse` covers parsing, validating and normalizing the document (cached together).
    let parsed = tracing::info_span!("parse")
        .in_scope(|| parse::parse(&state.compiler, request, context.method))?;
    persisted.register(&state.persisted);
    let span = tracing::Span::current();
    span.record("graphql.operation.type", parsed.kind().to_string());
    if let Some(name) = parsed.name() {
        span.record("graphql.operation.name", name.as_str());
        let _ = context.operation_name.set(name.to_string());
    }
    let prepared = tracing::info_span!("prepare")
        .in_scope(|| prepare::prepare(&state.compiler, &parsed, &request.variables))?;
    let authorized = authorize::authorize(
        &state.supergraph,
        &state.config.authorization,
        prepared.normalized(),
        context,
    )?;
    let introspection = introspect::introspect(&state.compiler, &prepared)?;
    let plan = tracing::info_span!("plan", cache.hit = Empty).in_scope(|| {
        let labels = plan::enabled_override_labels(&state.override_labels);
        let planning = plan::Planning {
            supergraph: &state.supergraph,
            planner: &state.planner,
            cache: &state.plan_cache,
            metrics: &state.metrics,
        };
        plan::plan(
            &planning,
            &parsed,
            authorized.for_plan(prepared.normalized()),
            &labels,
        )
    })?;
    Ok(Ready {
        prepared,
        authorized,
        introspection,
        plan,
    })
}
