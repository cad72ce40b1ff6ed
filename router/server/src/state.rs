//! What every request shares: [`AppState`] holds the current [`RouterState`], which a reload
//! (new supergraph or new configuration) replaces atomically. A request takes the current one
//! once, at its start, and keeps it to its end, so in-flight requests finish on the supergraph
//! and configuration they started with.

use std::sync::Arc;

use arc_swap::ArcSwapOption;
use executor::Executor;
use operation::Compiler;
use planner::{Planner, QueryPlan};
use supergraph::Supergraph;

use crate::error::ServerError;
use crate::persisted::PersistedQueries;
use crate::pipeline::plan_cache::LruCache;
use crate::pipeline::plan_key::PlanKey;
use router_config::CorsPolicy;
use router_config::RouterConfig;
use router_telemetry::Metrics;
use router_transport::HttpClient;

/// The loaded supergraph with one configuration, and everything derived from them.
#[derive(Debug)]
pub struct RouterState {
    pub supergraph: Arc<Supergraph>,
    pub compiler: Compiler,
    pub planner: Planner,
    pub executor: Executor,
    pub plan_cache: LruCache<PlanKey, Arc<QueryPlan>>,
    /// Every progressive-override label of the supergraph.
    pub override_labels: Vec<String>,
    pub http: HttpClient,
    pub config: Arc<RouterConfig>,
    /// The `cors` section, compiled.
    pub cors: CorsPolicy,
    /// The [`AppState`]'s registry once the state is served (see [`AppState::replace`]); a
    /// registry of its own before.
    pub metrics: Arc<Metrics>,
    /// The APQ cache (kept across reloads by [`AppState::replace`]) and the safelist.
    pub persisted: PersistedQueries,
}

impl RouterState {
    /// `supergraph`'s subgraph URLs must be final (see [`crate::supergraph_source`]).
    pub fn new(supergraph: Supergraph, config: Arc<RouterConfig>) -> Result<Self, ServerError> {
        router_auth::check_config(&config.authentication)?;
        router_auth::rights::check_policies(&config.authorization)?;
        let supergraph = Arc::new(supergraph);
        config.errors.check_names(&supergraph)?;
        let http = HttpClient::new(&supergraph, &config.transport())?;
        let api_schema = Arc::new(supergraph.api_schema.clone());
        let compiler = Compiler::new(
            api_schema.clone(),
            operation::Config {
                introspection: config.introspection,
                limits: config.limits.operation_limits(),
                ..operation::Config::default()
            },
        );
        let planner = Planner::new(supergraph.clone());
        let executor = Executor::new(api_schema);
        let override_labels = planner.override_labels();
        let cors = CorsPolicy::new(&config.cors)?;
        let persisted = PersistedQueries::new(&config.persisted_queries)?;
        Ok(Self {
            cors,
            persisted,
            plan_cache: LruCache::new(config.plan_cache.capacity),
            supergraph,
            compiler,
            planner,
            executor,
            override_labels,
            http,
            config,
            metrics: Arc::default(),
        })
    }
}

/// The state behind the HTTP app. Empty until the first supergraph is loaded (the router can
/// start before its subgraphs are up when it composes from them); `/ready` says which.
#[derive(Debug, Default)]
pub struct AppState {
    current: ArcSwapOption<RouterState>,
    /// Outlives reloads: counters keep counting across supergraphs and configurations.
    pub metrics: Arc<Metrics>,
    /// JWK Sets read for JWT authentication: kept across reloads.
    pub jwks: router_auth::JwksCache,
}

impl AppState {
    /// An app state already serving `state`.
    pub fn ready(state: RouterState) -> Arc<Self> {
        let app = Self::default();
        app.replace(state);
        Arc::new(app)
    }

    /// The state new requests run on, if any is loaded.
    pub fn current(&self) -> Option<Arc<RouterState>> {
        self.current.load_full()
    }

    /// Makes `state` the one new requests run on; requests in flight keep the previous one.
    pub fn replace(&self, mut state: RouterState) -> Option<Arc<RouterState>> {
        state.metrics = self.metrics.clone();
        if let Some(previous) = self.current() {
            state.persisted.keep_apq_of(&previous.persisted);
        }
        self.current.swap(Some(Arc::new(state)))
    }
}
