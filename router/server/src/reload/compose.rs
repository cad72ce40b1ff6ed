//! Compose mode: the supergraph composed by the router itself from a rover `supergraph.yaml`,
//! kept current by polling every subgraph's schema (`_service { sdl }`, or the schema file).
//!
//! A poll recomposes only when some input changed (name, routing URL or SDL, by hash), so a
//! failed composition is reported once per change, not once per poll. A subgraph that does not
//! answer a poll keeps the SDL it last answered: an unreachable subgraph is an outage to ride
//! out, not a schema change. One that never answered blocks the first composition, with a log
//! line naming it at every attempt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use composition::SubgraphSdl;
use composition::config::{SchemaSource, SupergraphConfig as CompositionConfig};

use super::digest::sha256_of_parts;
use super::file_watch::{Change, FileWatch};
use super::outcome::Outcome;
use crate::error::ServerError;
use crate::supergraph_source;

/// The longest a poll waits for one subgraph's SDL.
const MAX_FETCH_TIME: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct Composer {
    /// The composition config file, re-read at every poll.
    watch: FileWatch,
    config: CompositionConfig,
    /// The SDL each subgraph last gave, by name.
    sdls: BTreeMap<String, String>,
    /// The hash of the inputs last composed, successfully or not.
    last_inputs: Option<String>,
}

impl Composer {
    /// Reads the composition config at `path`; an unreadable or invalid one is an error.
    pub fn new(path: PathBuf) -> Result<Self, ServerError> {
        let text = std::fs::read_to_string(&path).map_err(|source| ServerError::ReadConfig {
            path: path.clone(),
            source,
        })?;
        let config = parse_config(&text, &path)?;
        Ok(Self {
            watch: FileWatch::new(path, Some(&text)),
            config,
            sdls: BTreeMap::new(),
            last_inputs: None,
        })
    }

    pub fn path(&self) -> &Path {
        self.watch.path()
    }

    /// Re-reads the composition config and every subgraph's schema; composes if any changed.
    /// `Unchanged` too while some subgraph never answered.
    pub async fn poll(&mut self, fetch_timeout: Duration) -> Outcome {
        self.reload_config().await;
        let base = self
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let fetch_timeout = fetch_timeout.min(MAX_FETCH_TIME);
        let fetches = self.config.subgraphs.iter().map(|(name, subgraph)| {
            let base = base.clone();
            async move {
                let sdl = read_schema(&subgraph.schema, &base, fetch_timeout).await;
                (name.clone(), sdl)
            }
        });
        let answers = futures::future::join_all(fetches).await;

        let mut missing = Vec::new();
        for (name, answer) in answers {
            let source = describe(&self.config.subgraphs[&name].schema);
            match answer {
                Ok(sdl) => {
                    self.sdls.insert(name, sdl);
                }
                Err(error) if self.sdls.contains_key(&name) => tracing::warn!(
                    subgraph = %name,
                    source = %source,
                    %error,
                    "cannot read the subgraph's schema; keeping the one it last gave"
                ),
                Err(error) => {
                    tracing::error!(
                        subgraph = %name,
                        source = %source,
                        %error,
                        "cannot read the subgraph's schema; cannot compose until it answers"
                    );
                    missing.push(name);
                }
            }
        }
        self.sdls
            .retain(|name, _| self.config.subgraphs.contains_key(name));
        if !missing.is_empty() {
            return Outcome::Unchanged;
        }
        self.compose()
    }

    fn compose(&mut self) -> Outcome {
        let inputs: Vec<SubgraphSdl> = self
            .config
            .subgraphs
            .iter()
            .filter_map(|(name, subgraph)| {
                let url = routing_url(subgraph.routing_url.as_deref(), &subgraph.schema);
                Some(SubgraphSdl::new(name, url, self.sdls.get(name)?))
            })
            .collect();
        let hash = sha256_of_parts(
            inputs
                .iter()
                .flat_map(|i| [i.name.as_str(), i.url.as_str(), i.sdl.as_str()]),
        );
        if self.last_inputs.as_deref() == Some(hash.as_str()) {
            return Outcome::Unchanged;
        }
        self.last_inputs = Some(hash);
        let composed = match composition::compose(&inputs) {
            Ok(composed) => composed,
            Err(diagnostics) => {
                for diagnostic in &diagnostics {
                    let locations: Vec<String> =
                        diagnostic.locations.iter().map(|l| l.to_string()).collect();
                    tracing::error!(
                        code = diagnostic.code,
                        subgraph = %diagnostic.subgraphs().join(", "),
                        locations = %locations.join(", "),
                        message = %diagnostic.message,
                        "composition error"
                    );
                }
                tracing::error!(
                    errors = diagnostics.len(),
                    config = %self.path().display(),
                    "the subgraphs do not compose; keeping the last good supergraph"
                );
                return Outcome::Rejected;
            }
        };
        for hint in &composed.hints {
            tracing::debug!(%hint, "composition hint");
        }
        match supergraph_source::parse(&composed.sdl, "the composed supergraph") {
            Ok(supergraph) => Outcome::New {
                supergraph: Box::new(supergraph),
                hash: super::digest::sha256_hex(composed.sdl.as_bytes()),
            },
            Err(error) => {
                tracing::error!(%error, "the composed supergraph does not load; keeping the last good one");
                Outcome::Rejected
            }
        }
    }

    /// Picks up an edited composition config; an invalid edit keeps the previous one.
    async fn reload_config(&mut self) {
        let Change::Changed { text, .. } = self.watch.poll().await else {
            return;
        };
        match parse_config(&text, self.watch.path()) {
            Ok(config) => {
                tracing::info!(config = %self.path().display(), "composition config reloaded");
                self.config = config;
            }
            Err(error) => tracing::error!(
                %error,
                "the edited composition config is invalid; keeping the previous one"
            ),
        }
    }
}

fn parse_config(text: &str, path: &Path) -> Result<CompositionConfig, ServerError> {
    CompositionConfig::parse(text).map_err(|error| {
        ServerError::InvalidConfig(router_config::ConfigErrors::single(
            path.display().to_string(),
            error.to_string(),
        ))
    })
}

/// Where the router sends a subgraph's requests: `routing_url`, else the URL its schema comes
/// from (the usual overrides apply later, as for a supergraph file).
fn routing_url(routing_url: Option<&str>, schema: &SchemaSource) -> String {
    match (routing_url, schema) {
        (Some(url), _) => url.to_owned(),
        (None, SchemaSource::SubgraphUrl(url)) => url.clone(),
        (None, SchemaSource::File(_)) => String::new(),
    }
}

fn describe(schema: &SchemaSource) -> String {
    match schema {
        SchemaSource::File(path) => path.display().to_string(),
        SchemaSource::SubgraphUrl(url) => url.clone(),
    }
}

/// `error` and its causes: reqwest's own message ("error sending request") hides whether the
/// connection was refused, timed out or failed TLS.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

async fn read_schema(
    schema: &SchemaSource,
    base: &Path,
    timeout: Duration,
) -> Result<String, String> {
    match schema {
        SchemaSource::File(file) => {
            let path = base.join(file);
            std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))
        }
        SchemaSource::SubgraphUrl(url) => {
            match tokio::time::timeout(timeout, composition::fetch::fetch_subgraph_sdl(url)).await {
                Ok(Ok(sdl)) => Ok(sdl),
                Ok(Err(error)) => Err(with_causes(&error)),
                Err(_) => Err(format!("no answer within {timeout:?}")),
            }
        }
    }
}
