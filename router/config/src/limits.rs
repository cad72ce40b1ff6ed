//! `limits:` request and operation size limits. Each operation limit is checked on the
//! operation after fragments are expanded (a small document cannot fan out into a big one) and
//! refuses it with HTTP 400 and its own `extensions.code`; `null` turns one off.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Request bodies larger than this are refused with 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest accepted request body, in bytes (413 `PAYLOAD_TOO_LARGE` beyond). Default:
    /// 2097152 (2 MiB).
    #[schemars(range(min = 1))]
    pub max_body_bytes: usize,
    /// Lexical tokens in the query document, counted while parsing, before anything else
    /// (`MAX_TOKENS_LIMIT_EXCEEDED`). Default: 15000.
    #[schemars(range(min = 1))]
    pub max_tokens: Option<usize>,
    /// Nesting of fields, root fields at depth 1 (`MAX_DEPTH_LIMIT_EXCEEDED`). Default: 32.
    #[schemars(range(min = 1))]
    pub max_depth: Option<usize>,
    /// Fields in the operation, a response key selected twice in one selection set counting
    /// once (Apollo's "height"; `MAX_HEIGHT_LIMIT_EXCEEDED`). Default: 1000.
    #[schemars(range(min = 1))]
    pub max_height: Option<usize>,
    /// Aliased fields in the operation (`MAX_ALIASES_LIMIT_EXCEEDED`). Default: 100.
    #[schemars(range(min = 1))]
    pub max_aliases: Option<usize>,
    /// Fields selected at the root of the operation, fragments included
    /// (`MAX_ROOT_FIELDS_LIMIT_EXCEEDED`). Default: 64.
    #[schemars(range(min = 1))]
    pub max_root_fields: Option<usize>,
}

impl Default for LimitsConfig {
    /// Room for large hand-written and generated (Relay, Apollo Client) operations; small
    /// enough that one request cannot make the planner and subgraphs do unbounded work.
    fn default() -> Self {
        Self {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_tokens: Some(15_000),
            max_depth: Some(32),
            max_height: Some(1_000),
            max_aliases: Some(100),
            max_root_fields: Some(64),
        }
    }
}

impl LimitsConfig {
    /// The operation compiler's view. `max_selections` (fields and inline fragments after
    /// fragment expansion) keeps the compiler's default as a backstop.
    pub fn operation_limits(&self) -> operation::Limits {
        operation::Limits {
            max_tokens: self.max_tokens,
            max_depth: self.max_depth,
            max_aliases: self.max_aliases,
            max_height: self.max_height,
            max_root_fields: self.max_root_fields,
            ..operation::Limits::default()
        }
    }

    /// The keys of the limits set to 0, which would refuse every request.
    pub fn zeros(&self) -> Vec<&'static str> {
        let all = [
            ("max_body_bytes", Some(self.max_body_bytes)),
            ("max_tokens", self.max_tokens),
            ("max_depth", self.max_depth),
            ("max_height", self.max_height),
            ("max_aliases", self.max_aliases),
            ("max_root_fields", self.max_root_fields),
        ];
        all.into_iter()
            .filter(|(_, value)| *value == Some(0))
            .map(|(key, _)| key)
            .collect()
    }
}
