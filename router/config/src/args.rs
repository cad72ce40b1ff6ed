//! `router serve` flags. Each flag that is given wins over the same setting in `router.yaml`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::ConfigError;
use crate::duration::{ConfigDuration, parse_duration};
use crate::model::RouterConfig;
use crate::telemetry::LogFormat;

/// `router serve`: serve the supergraph over HTTP.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ServeArgs {
    /// The router's configuration file (`router.yaml`; see `router config schema`), or a
    /// rover composition config (`supergraph.yaml`) to compose the supergraph from its
    /// subgraphs. Told apart by content: a top-level `federation_version`, or `subgraphs`
    /// entries with `routing_url` or `schema`, make it a composition config; anything else is
    /// `router.yaml`. Both are reloaded when they change.
    #[arg(long, env = "ROUTER_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The supergraph SDL to serve (default: schema/supergraph.graphql), reloaded when it
    /// changes. Wins over `supergraph.compose`.
    #[arg(long, env = "SUPERGRAPH_PATH", value_name = "FILE")]
    pub supergraph: Option<PathBuf>,

    /// How often the subgraphs' schemas are read in compose mode (`10s`, `500ms`; default
    /// 10s). The supergraph file and router.yaml are checked every second, or this often if
    /// shorter.
    #[arg(long, env = "ROUTER_POLL_INTERVAL", value_parser = parse_duration)]
    pub poll_interval: Option<Duration>,

    /// Serve the first supergraph loaded or composed; do not reload it (router.yaml still is).
    #[arg(long)]
    pub no_watch: bool,

    /// Address to bind (default 127.0.0.1).
    #[arg(long, env = "ROUTER_HOST")]
    pub host: Option<IpAddr>,

    /// Port to listen on (default 4000; 0 picks a free one).
    #[arg(long, env = "ROUTER_PORT")]
    pub port: Option<u16>,

    /// Full listen address (`host:port`); wins over --host and --port.
    #[arg(long, env = "ROUTER_LISTEN")]
    pub listen: Option<SocketAddr>,

    /// Points a subgraph elsewhere: `NAME=URL` (repeatable). Wins over the supergraph's URL and
    /// over `SUBGRAPH_<NAME>_URL`.
    #[arg(long = "subgraph-url", value_name = "NAME=URL")]
    pub subgraph_urls: Vec<String>,

    /// How long a subgraph may take to answer (`30s`, `1500ms`, or seconds; default 30s).
    #[arg(long, value_parser = parse_duration)]
    pub subgraph_timeout: Option<Duration>,

    /// A timeout for one subgraph: `NAME=DURATION` (repeatable).
    #[arg(long = "subgraph-timeout-for", value_name = "NAME=DURATION")]
    pub subgraph_timeouts: Vec<String>,

    /// A client header propagated to every subgraph (repeatable): adds a
    /// `propagate: { named: NAME }` rule to `headers.all` (default: none is forwarded).
    #[arg(long = "forward-header", value_name = "NAME")]
    pub forward_headers: Vec<String>,

    /// Refuse `__schema` and `__type` queries (error code INTROSPECTION_DISABLED).
    #[arg(long, env = "ROUTER_NO_INTROSPECTION")]
    pub no_introspection: bool,

    /// Do not serve the GraphiQL playground.
    #[arg(long)]
    pub no_playground: bool,

    /// Where the playground loads graphiql, react and react-dom from, in unpkg's layout
    /// (`<url>/graphiql@3.8.3/graphiql.min.js`, `<url>/react@18.3.1/umd/...`); point it at a
    /// self-hosted copy to work offline (default https://unpkg.com).
    #[arg(long, env = "PLAYGROUND_ASSETS_URL")]
    pub playground_assets_url: Option<String>,

    /// Largest accepted request body, in bytes (default 2 MiB).
    #[arg(long)]
    pub max_body_bytes: Option<usize>,

    /// Query plans kept in memory (default 512).
    #[arg(long)]
    pub plan_cache_size: Option<usize>,

    /// Log as JSON lines instead of text (same as `--log-format json`).
    #[arg(long)]
    pub log_json: bool,

    /// Log format: `text` or `json` (default: `telemetry.logs.format`, else text).
    #[arg(long, env = "LOG_FORMAT", value_enum)]
    pub log_format: Option<LogFormat>,
}

impl ServeArgs {
    /// Applies the flags that were given on top of `config` (from `router.yaml` or defaults).
    pub fn apply(&self, config: &mut RouterConfig) -> Result<(), ConfigError> {
        if let Some(listen) = self.listen {
            config.server.listen = listen;
        } else {
            if let Some(host) = self.host {
                config.server.listen.set_ip(host);
            }
            if let Some(port) = self.port {
                config.server.listen.set_port(port);
            }
        }
        if let Some(path) = &self.supergraph {
            config.supergraph.path = Some(path.clone());
            config.supergraph.compose = None;
        }
        if let Some(interval) = self.poll_interval {
            config.supergraph.poll_interval = interval.into();
        }
        if self.no_watch {
            config.supergraph.watch = false;
        }
        for raw in &self.subgraph_urls {
            let (name, url) = raw
                .split_once('=')
                .ok_or_else(|| ConfigError::InvalidSubgraphUrlFlag(raw.clone()))?;
            config.subgraphs.entry(name.trim()).url = Some(url.trim().to_owned());
        }
        if let Some(timeout) = self.subgraph_timeout {
            config.subgraphs.entry(crate::subgraphs::ALL).timeout = Some(timeout.into());
        }
        for raw in &self.subgraph_timeouts {
            let (name, value) = raw
                .split_once('=')
                .ok_or_else(|| ConfigError::InvalidTimeoutFlag(raw.clone()))?;
            let duration =
                parse_duration(value).map_err(|_| ConfigError::InvalidTimeoutFlag(raw.clone()))?;
            config.subgraphs.entry(name.trim()).timeout = Some(ConfigDuration(duration));
        }
        config.headers.propagate_to_all(&self.forward_headers);
        if self.no_introspection {
            config.introspection = false;
        }
        if self.no_playground {
            config.playground.enabled = false;
        }
        if let Some(url) = &self.playground_assets_url {
            config.playground.assets_url = url.clone();
        }
        if let Some(bytes) = self.max_body_bytes {
            config.limits.max_body_bytes = bytes;
        }
        if let Some(capacity) = self.plan_cache_size {
            config.plan_cache.capacity = capacity;
        }
        if self.log_json {
            config.telemetry.logs.format = LogFormat::Json;
        } else if let Some(format) = self.log_format {
            config.telemetry.logs.format = format;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HeadersConfig;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    fn parse(args: &[&str]) -> ServeArgs {
        Cli::try_parse_from(std::iter::once("router").chain(args.iter().copied()))
            .expect("valid flags")
            .serve
    }

    fn applied(args: &[&str]) -> RouterConfig {
        let mut config = RouterConfig::default();
        parse(args).apply(&mut config).expect("valid flags");
        config
    }

    #[test]
    fn defaults_listen_on_4000_and_forward_no_header() {
        let config = applied(&[]);
        assert_eq!(config.server.listen.to_string(), "127.0.0.1:4000");
        assert!(config.introspection && config.playground.enabled);
        assert_eq!(config.limits.max_body_bytes, 2 * 1024 * 1024);
        let transport = config.transport();
        assert_eq!(transport.default_timeout, Duration::from_secs(30));
        assert_eq!(transport.headers, HeadersConfig::default());
    }

    #[test]
    fn flags_override_listen_address_timeouts_and_headers() {
        let config = applied(&[
            "--host",
            "0.0.0.0",
            "--port",
            "5000",
            "--listen",
            "127.0.0.1:0",
            "--subgraph-timeout",
            "2s",
            "--subgraph-timeout-for",
            "products=250ms",
            "--forward-header",
            "X-Tenant",
            "--no-introspection",
            "--playground-assets-url",
            "http://assets.local/",
        ]);
        assert_eq!(config.server.listen.to_string(), "127.0.0.1:0");
        assert!(!config.introspection);
        assert_eq!(config.playground.assets_base(), "http://assets.local");
        let transport = config.transport();
        assert_eq!(transport.default_timeout, Duration::from_secs(2));
        assert_eq!(
            transport.timeouts.get("products"),
            Some(&Duration::from_millis(250))
        );
        assert_eq!(transport.headers, HeadersConfig::propagating(&["x-tenant"]));
    }

    #[test]
    fn host_and_port_flags_combine_with_the_configured_address() {
        let config = applied(&["--port", "5000"]);
        assert_eq!(config.server.listen.to_string(), "127.0.0.1:5000");
    }

    #[test]
    fn supergraph_flags_win_over_composition_and_set_the_poll_interval() {
        let mut config = RouterConfig::default();
        config.supergraph.compose = Some(PathBuf::from("schema/supergraph.yaml"));
        parse(&[
            "--supergraph",
            "served.graphql",
            "--poll-interval",
            "250ms",
            "--no-watch",
        ])
        .apply(&mut config)
        .expect("valid flags");
        assert_eq!(config.supergraph.compose, None);
        assert_eq!(
            config.supergraph.path,
            Some(PathBuf::from("served.graphql"))
        );
        assert_eq!(
            config.supergraph.poll_interval.get(),
            Duration::from_millis(250)
        );
        assert!(!config.supergraph.watch);
    }

    #[test]
    fn a_bad_per_subgraph_timeout_is_refused() {
        let mut config = RouterConfig::default();
        assert!(matches!(
            parse(&["--subgraph-timeout-for", "products"]).apply(&mut config),
            Err(ConfigError::InvalidTimeoutFlag(_))
        ));
    }
}
