//! What the router accepts from clients.

/// Settings for a [`crate::Compiler`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub limits: Limits,
    /// Answer `__schema` and `__type`. `__typename` is always allowed.
    pub introspection: bool,
    /// How many parsed and validated documents [`crate::Compiler::parse`] keeps, keyed by query
    /// text and operation name. 0 turns the cache off.
    pub parse_cache_capacity: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            introspection: true,
            parse_cache_capacity: 512,
        }
    }
}

/// Size limits, checked on the operation *after* fragments are expanded, so that a small
/// document cannot fan out into a huge one. `None` turns a limit off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Lexical tokens in the document (checked while parsing, before anything else).
    pub max_tokens: Option<usize>,
    /// Nesting of fields: root fields are at depth 1.
    pub max_depth: Option<usize>,
    /// Aliased fields in the normalized operation.
    pub max_aliases: Option<usize>,
    /// Fields and inline fragments in the normalized operation.
    pub max_selections: Option<usize>,
    /// Fields in the normalized operation, each response key counted once per selection set
    /// (Apollo's "height").
    pub max_height: Option<usize>,
    /// Fields selected at the root, fragments included.
    pub max_root_fields: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        // Generous for hand-written and generated client queries, small enough that one request
        // cannot make the planner and executor do unbounded work.
        Self {
            max_tokens: Some(15_000),
            max_depth: Some(32),
            max_aliases: Some(1_000),
            max_selections: Some(10_000),
            max_height: None,
            max_root_fields: None,
        }
    }
}

impl Limits {
    /// No limits at all; for tests and trusted callers.
    pub fn none() -> Self {
        Self {
            max_tokens: None,
            max_depth: None,
            max_aliases: None,
            max_selections: None,
            max_height: None,
            max_root_fields: None,
        }
    }
}
