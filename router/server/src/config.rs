//! `router serve` flags and the settings they turn into.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// The default public CDN for the playground's scripts and styles.
pub const DEFAULT_PLAYGROUND_ASSETS_URL: &str = "https://unpkg.com";
/// Request bodies larger than this are refused with 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
pub const DEFAULT_SUBGRAPH_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_PLAN_CACHE_CAPACITY: usize = 512;
/// Client headers sent on to subgraphs unless configured otherwise.
pub const DEFAULT_FORWARDED_HEADERS: &[&str] = &["x-user-id", "authorization"];

/// `router serve`: serve the supergraph over HTTP.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The supergraph SDL to serve.
    #[arg(
        long,
        env = "SUPERGRAPH_PATH",
        default_value = "schema/supergraph.graphql"
    )]
    pub supergraph: PathBuf,

    /// Address to bind.
    #[arg(long, env = "ROUTER_HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "ROUTER_PORT", default_value_t = 4000)]
    pub port: u16,

    /// Full listen address (`host:port`); wins over --host and --port.
    #[arg(long, env = "ROUTER_LISTEN")]
    pub listen: Option<SocketAddr>,

    /// Points a subgraph elsewhere: `NAME=URL` (repeatable). Wins over the supergraph's URL and
    /// over `SUBGRAPH_<NAME>_URL`.
    #[arg(long = "subgraph-url", value_name = "NAME=URL")]
    pub subgraph_urls: Vec<String>,

    /// How long a subgraph may take to answer (`30s`, `1500ms`, or seconds).
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub subgraph_timeout: Duration,

    /// A timeout for one subgraph: `NAME=DURATION` (repeatable).
    #[arg(long = "subgraph-timeout-for", value_name = "NAME=DURATION")]
    pub subgraph_timeouts: Vec<String>,

    /// Client headers forwarded to subgraphs (repeatable; default: x-user-id, authorization).
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
    /// self-hosted copy to work offline.
    #[arg(long, env = "PLAYGROUND_ASSETS_URL", default_value = DEFAULT_PLAYGROUND_ASSETS_URL)]
    pub playground_assets_url: String,

    /// Largest accepted request body, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,

    /// Query plans kept in memory.
    #[arg(long, default_value_t = DEFAULT_PLAN_CACHE_CAPACITY)]
    pub plan_cache_size: usize,

    /// Log as JSON lines instead of text.
    #[arg(long)]
    pub log_json: bool,
}

impl ServeArgs {
    pub fn listen_addr(&self) -> SocketAddr {
        self.listen
            .unwrap_or_else(|| SocketAddr::new(self.host, self.port))
    }

    /// The settings these flags describe; URL overrides are applied by
    /// [`crate::supergraph_source`].
    pub fn server_config(&self) -> Result<ServerConfig, crate::ServerError> {
        let mut timeouts = HashMap::new();
        for raw in &self.subgraph_timeouts {
            let (name, value) = raw
                .split_once('=')
                .ok_or_else(|| crate::ServerError::InvalidTimeoutFlag(raw.clone()))?;
            let duration = parse_duration(value)
                .map_err(|_| crate::ServerError::InvalidTimeoutFlag(raw.clone()))?;
            timeouts.insert(name.to_owned(), duration);
        }
        let forward_headers = if self.forward_headers.is_empty() {
            DEFAULT_FORWARDED_HEADERS
                .iter()
                .map(|h| h.to_string())
                .collect()
        } else {
            self.forward_headers
                .iter()
                .map(|h| h.to_ascii_lowercase())
                .collect()
        };
        Ok(ServerConfig {
            introspection: !self.no_introspection,
            playground: !self.no_playground,
            playground_assets_url: self.playground_assets_url.trim_end_matches('/').to_owned(),
            max_body_bytes: self.max_body_bytes,
            plan_cache_capacity: self.plan_cache_size,
            transport: TransportConfig {
                default_timeout: self.subgraph_timeout,
                timeouts,
                forward_headers,
            },
        })
    }
}

/// Everything a [`crate::RouterState`] needs besides the supergraph.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub introspection: bool,
    pub playground: bool,
    /// Base URL of the playground's assets, without a trailing slash.
    pub playground_assets_url: String,
    pub max_body_bytes: usize,
    pub plan_cache_capacity: usize,
    pub transport: TransportConfig,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            introspection: true,
            playground: true,
            playground_assets_url: DEFAULT_PLAYGROUND_ASSETS_URL.to_owned(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            plan_cache_capacity: DEFAULT_PLAN_CACHE_CAPACITY,
            transport: TransportConfig::default(),
        }
    }
}

/// How subgraphs are called.
#[derive(Debug, Clone)]
pub struct TransportConfig {
    pub default_timeout: Duration,
    /// Per-subgraph timeouts, by subgraph name.
    pub timeouts: HashMap<String, Duration>,
    /// Lower-case names of client headers forwarded to every subgraph.
    pub forward_headers: Vec<String>,
}

impl Default for TransportConfig {
    fn default() -> Self {
        Self {
            default_timeout: DEFAULT_SUBGRAPH_TIMEOUT,
            timeouts: HashMap::new(),
            forward_headers: DEFAULT_FORWARDED_HEADERS
                .iter()
                .map(|h| h.to_string())
                .collect(),
        }
    }
}

/// `30s`, `1500ms`, `2m` or a bare number of seconds.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let invalid = || format!("{raw:?} is not a duration (examples: 30s, 1500ms, 2m)");
    let (number, unit) = match raw.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(at) => raw.split_at(at),
        None => (raw, "s"),
    };
    let value: f64 = number.parse().map_err(|_| invalid())?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        _ => return Err(invalid()),
    };
    if !seconds.is_finite() || seconds <= 0.0 {
        return Err(invalid());
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn defaults_listen_on_4000_and_forward_the_user_and_authorization() {
        let args = parse(&[]);
        assert_eq!(args.listen_addr().to_string(), "127.0.0.1:4000");
        let config = args.server_config().expect("valid");
        assert!(config.introspection && config.playground);
        assert_eq!(config.max_body_bytes, 2 * 1024 * 1024);
        assert_eq!(config.transport.default_timeout, Duration::from_secs(30));
        assert_eq!(
            config.transport.forward_headers,
            ["x-user-id", "authorization"]
        );
    }

    #[test]
    fn flags_override_listen_address_timeouts_and_headers() {
        let args = parse(&[
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
        assert_eq!(args.listen_addr().to_string(), "127.0.0.1:0");
        let config = args.server_config().expect("valid");
        assert!(!config.introspection);
        assert_eq!(config.playground_assets_url, "http://assets.local");
        assert_eq!(config.transport.default_timeout, Duration::from_secs(2));
        assert_eq!(
            config.transport.timeouts.get("products"),
            Some(&Duration::from_millis(250))
        );
        assert_eq!(config.transport.forward_headers, ["x-tenant"]);
    }

    #[test]
    fn a_bad_per_subgraph_timeout_is_refused() {
        let args = parse(&["--subgraph-timeout-for", "products"]);
        assert!(matches!(
            args.server_config(),
            Err(crate::ServerError::InvalidTimeoutFlag(_))
        ));
    }

    #[test]
    fn durations_accept_units_and_bare_seconds() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("1500ms"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(5)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("10 parsecs").is_err());
    }
}
