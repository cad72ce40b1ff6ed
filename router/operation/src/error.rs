//! Request errors: everything that stops an operation before any subgraph is called.

use apollo_compiler::response::GraphQLError;
use apollo_compiler::validation::DiagnosticList;

/// Why an operation was refused. Every variant is a GraphQL *request error*: the response has
/// `errors` and no `data` key.
#[derive(Debug, Clone, thiserror::Error)]
pub enum OperationError {
    /// The document is not syntactically GraphQL, or exceeds the parser's token/nesting limits.
    #[error("syntax error: {}", first_message(.0))]
    Parse(Vec<GraphQLError>),
    /// The document does not validate against the API schema.
    #[error("validation failed: {}", first_message(.0))]
    Validation(Vec<GraphQLError>),
    /// `operationName` names no operation, or is missing while the document has several.
    #[error("{0}")]
    OperationResolution(String),
    /// The variables do not coerce to the operation's variable definitions.
    #[error("invalid variables: {}", first_message(.0))]
    Variables(Vec<GraphQLError>),
    /// The operation is larger than the router accepts.
    #[error("{kind} limit exceeded: {actual} > {limit}")]
    Limit {
        kind: LimitKind,
        limit: usize,
        actual: usize,
    },
    /// The operation asks for `__schema` or `__type` while introspection is turned off.
    #[error("introspection is disabled")]
    IntrospectionDisabled,
    /// The introspection part of the query is too deeply nested or could not be answered.
    #[error("introspection failed: {}", first_message(.0))]
    Introspection(Vec<GraphQLError>),
}

/// Which size limit an operation exceeded (see [`crate::Limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    Depth,
    Aliases,
    Selections,
    Height,
    RootFields,
    Tokens,
}

impl std::fmt::Display for LimitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LimitKind::Depth => "depth",
            LimitKind::Aliases => "aliases",
            LimitKind::Selections => "selections",
            LimitKind::Height => "height",
            LimitKind::RootFields => "root fields",
            LimitKind::Tokens => "tokens",
        })
    }
}

impl LimitKind {
    /// The `extensions.code` of an operation over this limit.
    pub fn code(self) -> &'static str {
        match self {
            LimitKind::Depth => "MAX_DEPTH_LIMIT_EXCEEDED",
            LimitKind::Aliases => "MAX_ALIASES_LIMIT_EXCEEDED",
            LimitKind::Selections => "MAX_SELECTIONS_LIMIT_EXCEEDED",
            LimitKind::Height => "MAX_HEIGHT_LIMIT_EXCEEDED",
            LimitKind::RootFields => "MAX_ROOT_FIELDS_LIMIT_EXCEEDED",
            LimitKind::Tokens => "MAX_TOKENS_LIMIT_EXCEEDED",
        }
    }
}

impl OperationError {
    /// The `extensions.code` clients see.
    pub fn code(&self) -> &'static str {
        match self {
            OperationError::Parse(_) => "GRAPHQL_PARSE_FAILED",
            OperationError::Validation(_) => "GRAPHQL_VALIDATION_FAILED",
            OperationError::OperationResolution(_) => "OPERATION_RESOLUTION_FAILURE",
            OperationError::Variables(_) => "BAD_USER_INPUT",
            OperationError::Limit { kind, .. } => kind.code(),
            OperationError::IntrospectionDisabled => "INTROSPECTION_DISABLED",
            OperationError::Introspection(_) => "INTROSPECTION_FAILED",
        }
    }

    /// The errors for the response's `errors` array, each with `extensions.code`.
    pub fn graphql_errors(&self) -> Vec<GraphQLError> {
        let mut errors = match self {
            OperationError::Parse(errors)
            | OperationError::Validation(errors)
            | OperationError::Variables(errors)
            | OperationError::Introspection(errors) => errors.clone(),
            OperationError::OperationResolution(_)
            | OperationError::Limit { .. }
            | OperationError::IntrospectionDisabled => vec![bare(self.to_string())],
        };
        // An empty list would yield a response with neither data nor errors.
        if errors.is_empty() {
            errors.push(bare(self.to_string()));
        }
        for error in &mut errors {
            error.extensions.insert("code", self.code().into());
        }
        errors
    }

    /// [`Self::graphql_errors`] as JSON, ready for a response body.
    pub fn to_json(&self) -> Vec<serde_json::Value> {
        self.graphql_errors().iter().map(error_to_json).collect()
    }
}

pub(crate) fn diagnostics(list: &DiagnosticList) -> Vec<GraphQLError> {
    // `unstable_to_json_compat` gives graphql-js wording, which client tooling expects.
    list.iter().map(|d| d.unstable_to_json_compat()).collect()
}

pub(crate) fn bare(message: String) -> GraphQLError {
    GraphQLError {
        message,
        locations: Vec::new(),
        path: Vec::new(),
        extensions: Default::default(),
    }
}

fn error_to_json(error: &GraphQLError) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    object.insert("message".into(), error.message.clone().into());
    if !error.locations.is_empty() {
        let locations = error
            .locations
            .iter()
            .map(|l| serde_json::json!({ "line": l.line, "column": l.column }))
            .collect();
        object.insert("locations".into(), serde_json::Value::Array(locations));
    }
    if !error.extensions.is_empty() {
        object.insert(
            "extensions".into(),
            crate::json::from_compiler(&apollo_compiler::response::JsonValue::Object(
                error.extensions.clone(),
            )),
        );
    }
    serde_json::Value::Object(object)
}

fn first_message(errors: &[GraphQLError]) -> String {
    match errors {
        [] => "no details".to_owned(),
        [only] => only.message.clone(),
        [first, rest @ ..] => format!("{} (and {} more)", first.message, rest.len()),
    }
}
