//! What every request shares.

use std::sync::Arc;

use executor::Executor;
use operation::Compiler;
use planner::{Planner, QueryPlan};
use supergraph::Supergraph;

use crate::ServerError;
use crate::config::ServerConfig;
use crate::pipeline::plan::PlanKey;
use crate::pipeline::plan_cache::LruCache;
use crate::transport::HttpClient;

/// The loaded supergraph and everything derived from it. Shared behind an `Arc`.
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
    pub config: ServerConfig,
}

impl RouterState {
    /// `supergraph`'s subgraph URLs must be final (see [`crate::supergraph_source`]).
    pub fn new(supergraph: Supergraph, config: ServerConfig) -> Result<Self, ServerError> {
        let supergraph = Arc::new(supergraph);
        let http = HttpClient::new(&supergraph, &config.transport)?;
        let api_schema = Arc::new(supergraph.api_schema.clone());
        let compiler = Compiler::new(
            api_schema.clone(),
            operation::Config {
                introspection: config.introspection,
                ..operation::Config::default()
            },
        );
        let planner = Planner::new(supergraph.clone());
        let executor = Executor::new(api_schema);
        let override_labels = planner.override_labels();
        Ok(Self {
            plan_cache: LruCache::new(config.plan_cache_capacity),
            supergraph,
            compiler,
            planner,
            executor,
            override_labels,
            http,
            config,
        })
    }
}
