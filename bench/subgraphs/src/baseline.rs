//! The replay baseline: what serving an operation costs when a process does nothing but the
//! plan's subgraph fetches.
//!
//! [`record`] plans the operation with the router's own planner and runs it once with the
//! router's executor against the live subgraphs, keeping the exact request body of every
//! fetch and the final response. [`Replayer::replay`] then sends those same bodies to the
//! same subgraphs in the plan's order (`Sequence` in order, `Parallel` concurrently) and
//! [`app`] serves that as an HTTP endpoint answering the recorded response. Load sent to it
//! with the same tool, connections and duration as to the router is the baseline: the same
//! client hop and the same subgraph work, with no parsing, validation, planning,
//! representation building, merging or response shaping.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use executor::{Executor, FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use futures::future::{BoxFuture, try_join_all};
use planner::{PlanNode, PlanOptions, Planner, QueryPlan};
use serde_json::{Map, Value};
use supergraph::Supergraph;

use crate::BenchError;

/// What the router asks subgraphs to answer with (as in `router/server/src/transport`).
const SUBGRAPH_ACCEPT: &str = "application/graphql-response+json, application/json;q=0.9";

/// A client configured like the router's subgraph client (`router/server/src/transport`), so
/// connection handling is the same on both sides of the comparison.
pub fn client() -> Result<reqwest::Client, BenchError> {
    Ok(reqwest::Client::builder()
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(64)
        .tcp_nodelay(true)
        .tcp_keepalive(Duration::from_secs(60))
        .connect_timeout(Duration::from_secs(10))
        .gzip(true)
        .brotli(true)
        // A subgraph answers where it is configured; following a redirect would send the
        // request (and the headers forwarded to it) somewhere else.
        .redirect(reqwest::redirect::Policy::none())
        .build()?)
}

/// One operation's plan, the body of each fetch it sent, and the response it produced.
#[derive(Debug)]
pub struct Recording {
    pub plan: QueryPlan,
    /// Request bodies by `(service, subgraph operation)`.
    pub bodies: HashMap<(String, String), Bytes>,
    /// Subgraph URLs by name.
    pub urls: HashMap<String, String>,
    /// The client response, serialized as the router serializes it.
    pub response: Bytes,
}

impl Recording {
    pub fn fetch_count(&self) -> usize {
        self.bodies.len()
    }
}

/// Plans `query` against `supergraph_sdl` and executes it once against the subgraphs at the
/// supergraph's URLs, recording every fetch. Fails if the response has errors.
pub async fn record(
    supergraph_sdl: &str,
    query: &str,
    operation_name: Option<&str>,
    client: &reqwest::Client,
) -> Result<Recording, BenchError> {
    let supergraph = Supergraph::parse(supergraph_sdl, "supergraph.graphql")
        .map_err(|e| BenchError::Supergraph(e.to_string()))?;
    let urls: HashMap<String, String> = supergraph
        .subgraphs
        .iter()
        .filter_map(|s| Some((s.name.clone(), s.url.clone()?)))
        .collect();
    let supergraph = Arc::new(supergraph);
    let api_schema = Arc::new(supergraph.api_schema.clone());
    let compiler = operation::Compiler::new(api_schema.clone(), operation::Config::default());
    let prepared = compiler
        .compile(query, operation_name, &Map::new())
        .map_err(|e| BenchError::Operation(e.to_string()))?;
    // Planned from the normalized operation, as the router does.
    let input = planner::PreparedOperation::from_normalized(
        prepared.parsed().for_planner(),
        &supergraph.api_schema,
    )
    .map_err(|e| BenchError::Plan(e.to_string()))?;
    let plan = Planner::new(supergraph.clone())
        .plan(&input.input(), &PlanOptions::default())
        .map_err(|e| BenchError::Plan(e.to_string()))?;
    let transport = RecordingTransport {
        client: client.clone(),
        urls: urls.clone(),
        bodies: Mutex::new(HashMap::new()),
    };
    let response = Executor::new(api_schema)
        .execute_prepared(&compiler, &prepared, &plan, &transport)
        .await;
    if !response.errors.is_empty() {
        return Err(BenchError::Recording(format!(
            "the operation answered with errors: {}",
            serde_json::to_string(&response.errors).unwrap_or_default()
        )));
    }
    let response = serde_json::to_vec(&response)
        .map_err(|e| BenchError::Recording(format!("cannot encode the response: {e}")))?;
    let bodies = transport
        .bodies
        .into_inner()
        .map_err(|_| BenchError::Recording("a fetch panicked".into()))?;
    Ok(Recording {
        plan,
        bodies,
        urls,
        response: Bytes::from(response),
    })
}

struct RecordingTransport {
    client: reqwest::Client,
    urls: HashMap<String, String>,
    bodies: Mutex<HashMap<(String, String), Bytes>>,
}

#[async_trait::async_trait]
impl SubgraphTransport for RecordingTransport {
    async fn fetch(&self, request: SubgraphRequest<'_>) -> Result<SubgraphResponse, FetchError> {
        let service = request.service_name.to_owned();
        let failed = |reason: String| FetchError::Unreachable {
            service: service.clone(),
            reason,
        };
        let url = self
            .urls
            .get(&service)
            .ok_or_else(|| FetchError::UnknownService {
                service: service.clone(),
            })?;
        // The same body the router's transport builds.
        let mut body = Map::new();
        body.insert("query".into(), request.query.into());
        if let Some(name) = request.operation_name {
            body.insert("operationName".into(), name.into());
        }
        if !request.variables.is_empty() {
            body.insert(
                "variables".into(),
                Value::from(executor::Value::Object(request.variables.clone())),
            );
        }
        let body = Bytes::from(serde_json::to_vec(&body).map_err(|e| failed(e.to_string()))?);
        let answer = post(&self.client, url, body.clone())
            .await
            .map_err(|e| failed(e.to_string()))?;
        let mut answer: Map<String, Value> =
            serde_json::from_slice(&answer).map_err(|e| FetchError::InvalidResponse {
                service: service.clone(),
                reason: e.to_string(),
            })?;
        let key = (service.clone(), request.query.to_owned());
        let mut bodies = self
            .bodies
            .lock()
            .map_err(|_| failed("recording lock poisoned".into()))?;
        if bodies.get(&key).is_some_and(|seen| *seen != body) {
            return Err(failed(
                "two fetches share an operation but not their variables; cannot replay".into(),
            ));
        }
        bodies.insert(key, body);
        Ok(SubgraphResponse {
            data: answer.remove("data").map(executor::Value::from),
            errors: match answer.remove("errors") {
                Some(Value::Array(errors)) => errors,
                _ => Vec::new(),
            },
            extensions: answer.remove("extensions"),
        })
    }
}

async fn post(client: &reqwest::Client, url: &str, body: Bytes) -> Result<Bytes, BenchError> {
    Ok(client
        .post(url)
        .header(CONTENT_TYPE, "application/json")
        .header(ACCEPT, SUBGRAPH_ACCEPT)
        .body(body)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?)
}

/// The recorded fetches as a tree to replay.
#[derive(Debug, Clone)]
enum Step {
    Fetch { url: String, body: Bytes },
    Sequence(Vec<Step>),
    Parallel(Vec<Step>),
}

/// Replays a [`Recording`]'s fetches.
#[derive(Debug, Clone)]
pub struct Replayer {
    client: reqwest::Client,
    root: Step,
    response: Bytes,
}

impl Replayer {
    pub fn new(recording: &Recording, client: reqwest::Client) -> Result<Self, BenchError> {
        let root = match &recording.plan.node {
            Some(node) => step(node, recording)?,
            None => Step::Sequence(Vec::new()),
        };
        Ok(Self {
            client,
            root,
            response: recording.response.clone(),
        })
    }

    /// Sends every recorded fetch once, in the plan's order, reading each answer in full.
    pub async fn replay(&self) -> Result<(), BenchError> {
        run(&self.client, &self.root).await
    }

    pub fn response(&self) -> &Bytes {
        &self.response
    }
}

/// A fetch the executor did not send (a `Flatten` over an empty list, the untaken side of a
/// `Condition`) is left out, as it would be by the router.
fn step(node: &PlanNode, recording: &Recording) -> Result<Step, BenchError> {
    Ok(match node {
        PlanNode::Fetch(fetch) => {
            let key = (fetch.service_name.clone(), fetch.operation.clone());
            match recording.bodies.get(&key) {
                Some(body) => Step::Fetch {
                    url: recording
                        .urls
                        .get(&fetch.service_name)
                        .cloned()
                        .ok_or_else(|| {
                            BenchError::Recording(format!("no URL for {}", fetch.service_name))
                        })?,
                    body: body.clone(),
                },
                None => Step::Sequence(Vec::new()),
            }
        }
        PlanNode::Flatten { node, .. } => step(node, recording)?,
        PlanNode::Sequence { nodes } => Step::Sequence(
            nodes
                .iter()
                .map(|n| step(n, recording))
                .collect::<Result<_, _>>()?,
        ),
        PlanNode::Parallel { nodes } => Step::Parallel(
            nodes
                .iter()
                .map(|n| step(n, recording))
                .collect::<Result<_, _>>()?,
        ),
        PlanNode::Condition {
            if_clause,
            else_clause,
            ..
        } => Step::Sequence(
            [if_clause, else_clause]
                .into_iter()
                .flatten()
                .map(|n| step(n, recording))
                .collect::<Result<_, _>>()?,
        ),
    })
}

fn run<'a>(client: &'a reqwest::Client, step: &'a Step) -> BoxFuture<'a, Result<(), BenchError>> {
    Box::pin(async move {
        match step {
            Step::Fetch { url, body } => post(client, url, body.clone()).await.map(drop),
            Step::Sequence(steps) => {
                for step in steps {
                    run(client, step).await?;
                }
                Ok(())
            }
            Step::Parallel(steps) => try_join_all(steps.iter().map(|s| run(client, s)))
                .await
                .map(drop),
        }
    })
}

/// `POST /graphql`: replays the fetches and answers the recorded response (the request body
/// is read and ignored); 502 when a fetch fails.
pub fn app(replayer: Replayer) -> axum::Router {
    let replayer = Arc::new(replayer);
    axum::Router::new().route(
        "/graphql",
        axum::routing::post(move |_body: Bytes| {
            let replayer = replayer.clone();
            async move { answer(&replayer).await }
        }),
    )
}

async fn answer(replayer: &Replayer) -> Response {
    match replayer.replay().await {
        Ok(()) => (
            StatusCode::OK,
            [(CONTENT_TYPE, "application/json")],
            replayer.response().clone(),
        )
            .into_response(),
        Err(error) => (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
    }
}
