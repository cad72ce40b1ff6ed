//! Shared test helpers: a fixture supergraph with the real operation compiler and planner, and
//! in-process subgraphs that serve canned answers and record every request they get.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use executor::{Executor, FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use operation::{Compiler, Config, PreparedOperation};
use planner::{PlanOptions, Planner, QueryPlan};
use serde_json::{Map, Value, json};
use supergraph::Supergraph;

pub struct Harness {
    pub compiler: Compiler,
    pub planner: Planner,
    pub executor: Executor,
}

/// A fixture supergraph: the executor's own (`tests/fixtures/`), else the planner's, read from
/// the planner's folder so the two crates' tests never drift apart.
pub fn fixture_path(fixture: &str) -> String {
    let own = format!(
        "{}/tests/fixtures/{fixture}.graphql",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::path::Path::new(&own).exists() {
        own
    } else {
        format!(
            "{}/../planner/tests/fixtures/{fixture}.graphql",
            env!("CARGO_MANIFEST_DIR")
        )
    }
}

pub fn harness(fixture: &str) -> Harness {
    let path = fixture_path(fixture);
    let sdl = std::fs::read_to_string(&path).expect("fixture exists");
    let supergraph = Supergraph::parse(&sdl, &path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let api_schema = Arc::new(supergraph.api_schema.clone());
    Harness {
        compiler: Compiler::new(api_schema.clone(), Config::default()),
        planner: Planner::new(Arc::new(supergraph)),
        executor: Executor::new(api_schema),
    }
}

impl Harness {
    pub fn prepare(&self, query: &str, variables: Value) -> (PreparedOperation, QueryPlan) {
        let variables = match variables {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let prepared = self
            .compiler
            .compile(query, None, &variables)
            .unwrap_or_else(|e| panic!("invalid operation: {e}"));
        // As the router plans: from the normalized operation, conditions kept.
        let input = planner::PreparedOperation::from_normalized(
            prepared.parsed().for_planner(),
            self.compiler.schema(),
        )
        .expect("plannable operation");
        let plan = self
            .planner
            .plan(&input.input(), &PlanOptions::default())
            .unwrap_or_else(|e| panic!("planning failed: {e}"));
        (prepared, plan)
    }

    /// Plans and runs `query`; the serialized response.
    pub async fn run(&self, query: &str, variables: Value, subgraphs: &Subgraphs) -> Value {
        let (prepared, plan) = self.prepare(query, variables);
        let response = self
            .executor
            .execute_prepared(&self.compiler, &prepared, &plan, subgraphs)
            .await;
        serde_json::to_value(&response).expect("responses serialize")
    }
}

/// One request a subgraph received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub service: String,
    pub operation_name: Option<String>,
    pub query: String,
    pub variables: Map<String, Value>,
}

impl Recorded {
    pub fn representations(&self) -> Vec<Value> {
        self.variables
            .get("representations")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    pub fn is_entities(&self) -> bool {
        self.query.contains("_entities")
    }
}

type Handler = Box<dyn Fn(&Recorded) -> Result<SubgraphResponse, FetchError> + Send + Sync>;

/// In-process subgraphs: per service, a handler for root queries and one for `_entities`.
#[derive(Default)]
pub struct Subgraphs {
    root: HashMap<String, Handler>,
    entities: HashMap<String, Handler>,
    requests: Mutex<Vec<Recorded>>,
}

/// A response body `{ data, errors }` as the transport hands it over.
pub fn body(value: Value) -> SubgraphResponse {
    SubgraphResponse {
        data: value.get("data").map(executor::Value::from),
        errors: value
            .get("errors")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        extensions: value.get("extensions").cloned(),
    }
}

impl Subgraphs {
    pub fn new() -> Self {
        Self::default()
    }

    /// Root queries to `service` answer `{ "data": data }` (whatever they select: projection
    /// must drop what the client did not ask for).
    pub fn root(self, service: &str, data: Value) -> Self {
        self.root_body(service, json!({ "data": data }))
    }

    /// Root queries to `service` answer this whole body.
    pub fn root_body(mut self, service: &str, body_value: Value) -> Self {
        self.root.insert(
            service.into(),
            Box::new(move |_| Ok(body(body_value.clone()))),
        );
        self
    }

    /// `_entities` queries to `service` answer each representation with `resolve(rep)`.
    pub fn entities(
        mut self,
        service: &str,
        resolve: impl Fn(&Value) -> Value + Send + Sync + 'static,
    ) -> Self {
        self.entities.insert(
            service.into(),
            Box::new(move |request| {
                let entities: Vec<Value> = request.representations().iter().map(&resolve).collect();
                Ok(body(json!({ "data": { "_entities": entities } })))
            }),
        );
        self
    }

    /// `_entities` queries to `service` are answered by `handler` (full control).
    pub fn entities_with(
        mut self,
        service: &str,
        handler: impl Fn(&Recorded) -> Result<SubgraphResponse, FetchError> + Send + Sync + 'static,
    ) -> Self {
        self.entities.insert(service.into(), Box::new(handler));
        self
    }

    pub fn root_with(
        mut self,
        service: &str,
        handler: impl Fn(&Recorded) -> Result<SubgraphResponse, FetchError> + Send + Sync + 'static,
    ) -> Self {
        self.root.insert(service.into(), Box::new(handler));
        self
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("not poisoned").clone()
    }

    pub fn requests_to(&self, service: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.service == service)
            .collect()
    }
}

#[async_trait::async_trait]
impl SubgraphTransport for Subgraphs {
    async fn fetch(&self, request: SubgraphRequest<'_>) -> Result<SubgraphResponse, FetchError> {
        let recorded = Recorded {
            service: request.service_name.to_owned(),
            operation_name: request.operation_name.map(str::to_owned),
            query: request.query.to_owned(),
            variables: match serde_json::Value::from(executor::Value::Object(request.variables)) {
                Value::Object(variables) => variables,
                _ => unreachable!("an object converts to an object"),
            },
        };
        self.requests
            .lock()
            .expect("not poisoned")
            .push(recorded.clone());
        let handlers = if recorded.is_entities() {
            &self.entities
        } else {
            &self.root
        };
        match handlers.get(&recorded.service) {
            Some(handler) => handler(&recorded),
            None => Err(FetchError::UnknownService {
                service: recorded.service.clone(),
            }),
        }
    }
}

/// A representation's field, for entity resolvers.
pub fn key<'v>(rep: &'v Value, field: &str) -> &'v str {
    rep.get(field).and_then(Value::as_str).unwrap_or_default()
}
