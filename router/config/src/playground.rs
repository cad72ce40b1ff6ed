//! `playground:` the GraphiQL page at `/`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The default public CDN for the playground's scripts and styles.
pub const DEFAULT_PLAYGROUND_ASSETS_URL: &str = "https://unpkg.com";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PlaygroundConfig {
    /// Serve the GraphiQL playground at `/` (default true). Turn it off for public traffic.
    pub enabled: bool,
    /// Where the page loads graphiql, react and react-dom from, in unpkg's layout
    /// (`<url>/graphiql@3.8.3/graphiql.min.js`); point it at a self-hosted copy to work offline.
    pub assets_url: String,
}

impl Default for PlaygroundConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            assets_url: DEFAULT_PLAYGROUND_ASSETS_URL.to_owned(),
        }
    }
}

impl PlaygroundConfig {
    /// `assets_url` without a trailing slash.
    pub fn assets_base(&self) -> &str {
        self.assets_url.trim_end_matches('/')
    }
}
