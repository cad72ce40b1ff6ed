//! Keeping the served supergraph and configuration current without a restart.
//!
//! One task, the [`Reloader`], owns where the supergraph comes from (a [`Source`]), the last
//! good supergraph and the running configuration; it is the only writer of [`AppState`], so
//! two changes never race. Every change builds a complete new [`crate::RouterState`] and swaps
//! it in with [`AppState::replace`]: a request keeps the state it started with to its end, so a
//! swap drops nothing in flight. Anything that does not load (a supergraph file, a
//! composition, a `router.yaml`) is logged and the running state stays.
//!
//! - Compose mode ([`compose`]): `supergraph.compose` (or `--config` naming a rover
//!   `supergraph.yaml`): the router composes from the subgraphs, serving 503 until the first
//!   composition, and polls their schemas every `supergraph.poll_interval`.
//! - File mode ([`supergraph_file`]): a supergraph file, reloaded when its content changes.
//! - `router.yaml` ([`router_yaml`]): re-read when it changes, flags applied on top again.
//!
//! The supergraph file and `router.yaml` are checked every `poll_interval` or every second,
//! whichever is shorter; in compose mode the composition config, its schema files and the
//! running subgraphs every `poll_interval`.

mod compose;
pub mod detect;
mod digest;
mod file_watch;
mod outcome;
mod report;
mod restart_only;
mod router_yaml;
mod supergraph_file;

use std::sync::Arc;
use std::time::Duration;

use supergraph::Supergraph;
use tokio::sync::watch;
use tokio::time::{Instant, sleep_until};

use crate::error::ServerError;
use crate::state::AppState;
use crate::{config_file, supergraph_source};
use router_config::{RouterConfig, ServeArgs};

use compose::Composer;
use detect::ConfigKind;
use outcome::Outcome;
use router_yaml::RouterYaml;
use supergraph_file::SupergraphFile;

/// The longest wait between two checks of a watched file.
const MAX_FILE_INTERVAL: Duration = Duration::from_secs(1);

/// Where the supergraph comes from.
#[derive(Debug)]
enum Source {
    File(SupergraphFile),
    Compose(Composer),
}

/// The supergraph as loaded (before URL overrides) and the SHA-256 of its SDL.
type Loaded = (Supergraph, String);

/// Counts of what the reloader did since startup (tests wait on them; they also tell an
/// operator's tooling whether the last change took).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReloadStatus {
    /// Polls of the supergraph source finished (subgraphs in compose mode, else the file).
    pub polls: u64,
    /// Supergraphs swapped in, the first one included.
    pub supergraphs_loaded: u64,
    /// New supergraphs refused: compositions that failed, files that do not load.
    pub supergraphs_rejected: u64,
    /// `router.yaml` changes applied.
    pub configs_applied: u64,
    /// `router.yaml` changes refused.
    pub configs_rejected: u64,
}

#[derive(Debug)]
pub struct Reloader {
    app: Arc<AppState>,
    config: Arc<RouterConfig>,
    router_yaml: Option<RouterYaml>,
    source: Source,
    current: Option<Loaded>,
    status: watch::Sender<ReloadStatus>,
}

impl Reloader {
    /// Loads what serving starts with: the configuration (from `--config` and the flags) and,
    /// in file mode, the supergraph; either failing stops startup. In compose mode the app
    /// starts without a supergraph and answers 503 until [`Reloader::run`] composes one.
    pub fn start(args: &ServeArgs) -> Result<Self, ServerError> {
        let config = Arc::new(config_file::load_config(args)?);
        let router_yaml = match &args.config {
            Some(path) if detect::kind_of_file(path)? == ConfigKind::Router => {
                RouterYaml::new(args, None)
            }
            _ => None,
        };
        let (source, current) = Source::open(&config)?;
        let app = Arc::new(AppState::default());
        app.jwks.prepare(&config.authentication);
        let mut status = ReloadStatus::default();
        if let Some((supergraph, hash)) = &current {
            status.supergraphs_loaded = 1;
            let state = supergraph_source::state_for(supergraph.clone(), config.clone())?;
            report::supergraph_swapped(None, (supergraph, hash), &source.origin());
            report::routing(None, &state);
            app.replace(state);
            app.metrics.record_supergraph_reload(true);
        }
        if let Source::Compose(composer) = &source {
            tracing::info!(
                config = %composer.path().display(),
                poll_interval = %config.supergraph.poll_interval,
                "composing the supergraph from the subgraphs; not ready until the first composition"
            );
        }
        Ok(Self {
            app,
            config,
            router_yaml,
            source,
            current,
            status: watch::Sender::new(status),
        })
    }

    /// What the reloader did so far, updated as it goes.
    pub fn status(&self) -> watch::Receiver<ReloadStatus> {
        self.status.subscribe()
    }

    fn count(&self, counter: fn(&mut ReloadStatus) -> &mut u64) {
        self.status.send_modify(|status| *counter(status) += 1);
    }

    /// The state the HTTP app serves; the reloader swaps what it holds.
    pub fn app(&self) -> Arc<AppState> {
        self.app.clone()
    }

    /// The running configuration.
    pub fn config(&self) -> Arc<RouterConfig> {
        self.config.clone()
    }

    /// Polls until dropped (abort the task to stop it).
    pub async fn run(mut self) {
        let mut next_files = Instant::now();
        let mut next_compose = Instant::now();
        loop {
            let composing = matches!(self.source, Source::Compose(_))
                && (self.config.supergraph.watch || self.current.is_none());
            tokio::select! {
                () = sleep_until(next_files) => {
                    if self.poll_files().await {
                        next_compose = Instant::now();
                    }
                    next_files = Instant::now() + self.file_interval();
                }
                () = sleep_until(next_compose), if composing => {
                    self.poll_subgraphs().await;
                    next_compose = Instant::now() + self.config.supergraph.poll_interval.get();
                }
            }
        }
    }

    fn file_interval(&self) -> Duration {
        self.config
            .supergraph
            .poll_interval
            .get()
            .min(MAX_FILE_INTERVAL)
    }

    /// Checks `router.yaml` and the supergraph file; true when the supergraph source changed.
    async fn poll_files(&mut self) -> bool {
        let mut switched = false;
        if let Some(router_yaml) = &mut self.router_yaml
            && let Some(loaded) = router_yaml.poll().await
        {
            let origin = router_yaml.path().display().to_string();
            switched = match self.apply_config(loaded, &origin) {
                Applied::Unchanged => false,
                Applied::Rejected => {
                    self.count(|s| &mut s.configs_rejected);
                    self.app.metrics.record_config_reload(false);
                    false
                }
                Applied::Took { switched } => {
                    self.count(|s| &mut s.configs_applied);
                    self.app.metrics.record_config_reload(true);
                    switched
                }
            };
        }
        if self.config.supergraph.watch
            && let Source::File(file) = &mut self.source
        {
            let outcome = file.poll().await;
            let origin = file.path().display().to_string();
            self.settle(outcome, &origin);
        }
        switched
    }

    async fn poll_subgraphs(&mut self) {
        let Source::Compose(composer) = &mut self.source else {
            return;
        };
        let timeout = self
            .config
            .supergraph
            .poll_interval
            .get()
            .max(MAX_FILE_INTERVAL);
        let outcome = composer.poll(timeout).await;
        let origin = composer.path().display().to_string();
        self.settle(outcome, &origin);
    }

    fn settle(&mut self, outcome: Outcome, origin: &str) {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::New { supergraph, hash } => self.install(*supergraph, hash, origin),
            Outcome::Rejected => {
                self.count(|s| &mut s.supergraphs_rejected);
                self.app.metrics.record_supergraph_reload(false);
            }
        }
        self.count(|s| &mut s.polls);
    }

    /// Serves a new supergraph with the running configuration, unless it is the one served.
    fn install(&mut self, supergraph: Supergraph, hash: String, origin: &str) {
        if self
            .current
            .as_ref()
            .is_some_and(|(_, served)| *served == hash)
        {
            tracing::debug!(from = origin, "same supergraph as the one served");
            return;
        }
        match supergraph_source::state_for(supergraph.clone(), self.config.clone()) {
            Ok(state) => {
                report::supergraph_swapped(
                    self.current.as_ref().map(|(s, h)| (s, h.as_str())),
                    (&supergraph, &hash),
                    origin,
                );
                report::routing(self.app.current().as_deref(), &state);
                self.app.replace(state);
                self.current = Some((supergraph, hash));
                self.count(|s| &mut s.supergraphs_loaded);
                self.app.metrics.record_supergraph_reload(true);
            }
            Err(error) => {
                tracing::error!(
                    %error,
                    from = origin,
                    "the new supergraph cannot be served; keeping the last good one"
                );
                self.count(|s| &mut s.supergraphs_rejected);
                self.app.metrics.record_supergraph_reload(false);
            }
        }
    }

    /// Applies a re-read `router.yaml` (flags on top).
    fn apply_config(&mut self, loaded: Result<RouterConfig, ServerError>, origin: &str) -> Applied {
        let mut config = match loaded {
            Ok(config) => config,
            Err(error) => {
                tracing::error!(%error, "the changed configuration is invalid; keeping the running one");
                return Applied::Rejected;
            }
        };
        restart_only::keep_running(&self.config, &mut config, origin);
        if config == *self.config {
            return Applied::Unchanged;
        }
        let switch = source_of(&config) != source_of(&self.config);
        let (source, supergraph) = if switch {
            match Source::open(&config) {
                // A new compose source serves the current supergraph until it composes.
                Ok((source, loaded)) => (Some(source), loaded.or_else(|| self.current.clone())),
                Err(error) => {
                    tracing::error!(%error, from = origin, "the configured supergraph cannot be loaded; keeping the running configuration");
                    return Applied::Rejected;
                }
            }
        } else {
            (None, self.current.clone())
        };
        let config = Arc::new(config);
        if let Some((loaded, hash)) = &supergraph {
            let state = match supergraph_source::state_for(loaded.clone(), config.clone()) {
                Ok(state) => state,
                Err(error) => {
                    tracing::error!(%error, from = origin, "the changed configuration cannot serve the supergraph; keeping the running one");
                    return Applied::Rejected;
                }
            };
            report::config_reloaded(&self.config, &config, origin);
            if self.current.as_ref().map(|(_, h)| h) != Some(hash) {
                report::supergraph_swapped(
                    self.current.as_ref().map(|(s, h)| (s, h.as_str())),
                    (loaded, hash),
                    origin,
                );
                self.app.metrics.record_supergraph_reload(true);
                self.count(|s| &mut s.supergraphs_loaded);
            }
            report::routing(self.app.current().as_deref(), &state);
            self.app.replace(state);
        } else {
            report::config_reloaded(&self.config, &config, origin);
        }
        self.config = config;
        self.current = supergraph;
        if let Some(source) = source {
            self.source = source;
        }
        Applied::Took { switched: switch }
    }
}

impl Source {
    /// The source `config` names, and (file mode) the supergraph loaded from it now.
    fn open(config: &RouterConfig) -> Result<(Self, Option<Loaded>), ServerError> {
        match &config.supergraph.compose {
            Some(path) => Ok((Source::Compose(Composer::new(path.clone())?), None)),
            None => {
                let (file, supergraph, hash) =
                    SupergraphFile::load(config_file::supergraph_path(config))?;
                Ok((Source::File(file), Some((supergraph, hash))))
            }
        }
    }

    fn origin(&self) -> String {
        match self {
            Source::File(file) => file.path().display().to_string(),
            Source::Compose(composer) => composer.path().display().to_string(),
        }
    }
}

/// What a `router.yaml` change came to.
enum Applied {
    Unchanged,
    Rejected,
    Took { switched: bool },
}

/// What identifies a configuration's supergraph source.
fn source_of(config: &RouterConfig) -> (Option<std::path::PathBuf>, std::path::PathBuf) {
    (
        config.supergraph.compose.clone(),
        config_file::supergraph_path(config),
    )
}
