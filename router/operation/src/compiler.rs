//! The entry point: from a client request to a [`PreparedOperation`].

use crate::cache::ParseCache;
use crate::config::Config;
use crate::error::{self, OperationError};
use crate::json;
use crate::normalize::normalize;
use crate::normalized::NormalizedOperation;
use apollo_compiler::ast::OperationType;
use apollo_compiler::collections::HashMap;
use apollo_compiler::executable::Operation;
use apollo_compiler::parser::Parser;
use apollo_compiler::response::JsonMap;
use apollo_compiler::schema::Implementers;
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};
use std::sync::Arc;

/// Compiles client operations against one API schema. Cheap to share (`Arc`) between requests.
#[derive(Debug)]
pub struct Compiler {
    schema: Arc<Valid<Schema>>,
    implementers: HashMap<Name, Implementers>,
    config: Config,
    parse_cache: ParseCache<ParsedOperation>,
}

/// A document that parsed and validated, with the operation the request selected, normalized.
/// Depends only on the query text and operation name, so it can be cached by them; cloning
/// it is cheap (shared parts).
#[derive(Debug, Clone)]
pub struct ParsedOperation {
    document: Arc<Valid<ExecutableDocument>>,
    operation: Node<Operation>,
    normalized: Arc<NormalizedOperation>,
    /// `normalized` without the root meta-fields: what the planner plans.
    for_planner: Arc<NormalizedOperation>,
    /// `for_planner` printed on one line.
    signature: Arc<str>,
}

/// A [`ParsedOperation`] with the request's variables coerced: ready for the planner and the
/// executor.
#[derive(Debug, Clone)]
pub struct PreparedOperation {
    parsed: ParsedOperation,
    coerced: Valid<JsonMap>,
    variables: serde_json::Map<String, serde_json::Value>,
}

/// The answer to the root meta-fields of an operation: `__schema`, `__type` and `__typename`.
#[derive(Debug, Clone, PartialEq)]
pub struct IntrospectionResponse {
    /// One entry per root meta-field, keyed by response key; no other keys.
    pub data: serde_json::Map<String, serde_json::Value>,
    /// Field errors, if any, with `path`.
    pub errors: Vec<serde_json::Value>,
}

impl Compiler {
    pub fn new(schema: Arc<Valid<Schema>>, config: Config) -> Self {
        let implementers = schema.implementers_map();
        let parse_cache = ParseCache::new(config.parse_cache_capacity);
        Self {
            schema,
            implementers,
            config,
            parse_cache,
        }
    }

    pub fn schema(&self) -> &Arc<Valid<Schema>> {
        &self.schema
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Parses and validates `query`, then selects the operation (spec: GetOperation).
    /// Successes are cached (see [`Config::parse_cache_capacity`]); failures are not.
    pub fn parse(
        &self,
        query: &str,
        operation_name: Option<&str>,
    ) -> Result<ParsedOperation, OperationError> {
        if let Some(parsed) = self.parse_cache.get(query, operation_name) {
            return Ok(parsed);
        }
        let parsed = self.parse_uncached(query, operation_name)?;
        self.parse_cache
            .insert(query, operation_name, parsed.clone());
        Ok(parsed)
    }

    /// How many parsed documents the cache holds.
    pub fn parse_cache_len(&self) -> usize {
        self.parse_cache.len()
    }

    fn parse_uncached(
        &self,
        query: &str,
        operation_name: Option<&str>,
    ) -> Result<ParsedOperation, OperationError> {
        let mut parser = Parser::new();
        if let Some(max_tokens) = self.config.limits.max_tokens {
            parser = parser.token_limit(max_tokens);
        }
        let ast = parser.parse_ast(query, "operation.graphql").map_err(|e| {
            match self.config.limits.max_tokens {
                // The parser stops at the limit: its count says the document went past it.
                Some(limit) if parser.tokens_reached() > limit => OperationError::Limit {
                    kind: crate::LimitKind::Tokens,
                    limit,
                    actual: parser.tokens_reached(),
                },
                _ => OperationError::Parse(error::diagnostics(&e.errors)),
            }
        })?;
        let document = ast
            .to_executable_validate(&self.schema)
            .map_err(|e| OperationError::Validation(error::diagnostics(&e.errors)))?;
        let operation = document
            .operations
            .get(operation_name)
            .map_err(|e| OperationError::OperationResolution(e.message().to_string()))?
            .clone();
        if !self.config.introspection
            && operation
                .root_fields(&document)
                .any(|f| f.name == "__schema" || f.name == "__type")
        {
            return Err(OperationError::IntrospectionDisabled);
        }
        let normalized = normalize(&self.schema, &document, &operation, &self.config.limits)?;
        crate::shape::check(&normalized, &self.config.limits)?;
        if normalized.has_schema_introspection() {
            apollo_compiler::introspection::check_max_depth(&document, &operation).map_err(
                |e| OperationError::Introspection(vec![e.to_graphql_error(&document.sources)]),
            )?;
        }
        let for_planner = normalized.without_introspection();
        let signature = for_planner.to_compact_string().into();
        Ok(ParsedOperation {
            document: Arc::new(document),
            operation,
            normalized: Arc::new(normalized),
            for_planner: Arc::new(for_planner),
            signature,
        })
    }

    /// Coerces `variables` (spec: CoerceVariableValues); the operation is already normalized.
    pub fn prepare(
        &self,
        parsed: &ParsedOperation,
        variables: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<PreparedOperation, OperationError> {
        let coerced = apollo_compiler::request::coerce_variable_values(
            &self.schema,
            &parsed.operation,
            &json::to_compiler_map(variables),
        )
        .map_err(|e| {
            OperationError::Variables(vec![e.to_graphql_error(&parsed.document.sources)])
        })?;
        Ok(PreparedOperation {
            parsed: parsed.clone(),
            variables: json::from_compiler_map(&coerced),
            coerced,
        })
    }

    /// [`Self::parse`] then [`Self::prepare`].
    pub fn compile(
        &self,
        query: &str,
        operation_name: Option<&str>,
        variables: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<PreparedOperation, OperationError> {
        self.prepare(&self.parse(query, operation_name)?, variables)
    }

    /// Answers the root meta-fields (`__schema`, `__type`, `__typename`) of the operation;
    /// [`NormalizedOperation::without_introspection`] is the rest, for the planner.
    pub fn introspect(
        &self,
        prepared: &PreparedOperation,
    ) -> Result<IntrospectionResponse, OperationError> {
        let operation = &prepared.parsed.operation;
        if operation.operation_type != OperationType::Query {
            // Only `__typename` is allowed at the root of mutations and subscriptions.
            let data = prepared
                .parsed
                .normalized
                .root_fields()
                .filter(|f| f.name == "__typename")
                .map(|f| {
                    (
                        f.response_key().to_string(),
                        serde_json::Value::String(operation.object_type().to_string()),
                    )
                })
                .collect();
            return Ok(IntrospectionResponse {
                data,
                errors: Vec::new(),
            });
        }
        let response = apollo_compiler::introspection::partial_execute(
            &self.schema,
            &self.implementers,
            &prepared.parsed.document,
            operation,
            &prepared.coerced,
        )
        .map_err(|e| {
            OperationError::Introspection(vec![
                e.to_graphql_error(&prepared.parsed.document.sources),
            ])
        })?;
        let errors = response
            .errors
            .iter()
            .map(|e| {
                // Infallible: GraphQLError is plain strings, numbers and maps.
                serde_json::to_value(e)
                    .unwrap_or_else(|_| serde_json::json!({ "message": e.message }))
            })
            .collect();
        Ok(IntrospectionResponse {
            data: response
                .data
                .as_ref()
                .map(json::from_compiler_map)
                .unwrap_or_default(),
            errors,
        })
    }
}

impl ParsedOperation {
    pub fn kind(&self) -> OperationType {
        self.operation.operation_type
    }

    pub fn name(&self) -> Option<&Name> {
        self.operation.name.as_ref()
    }

    pub fn document(&self) -> &Valid<ExecutableDocument> {
        &self.document
    }

    pub fn operation(&self) -> &Node<Operation> {
        &self.operation
    }

    /// The whole normalized operation, variable `@skip`/`@include` kept.
    pub fn normalized(&self) -> &Arc<NormalizedOperation> {
        &self.normalized
    }

    /// [`Self::normalized`] without the root meta-fields
    /// ([`NormalizedOperation::without_introspection`]): what the planner plans.
    pub fn for_planner(&self) -> &Arc<NormalizedOperation> {
        &self.for_planner
    }

    /// [`Self::for_planner`] printed on one line: equal for documents that ask for the same
    /// thing, whatever their variables' values, so it keys a plan cache.
    pub fn signature(&self) -> &Arc<str> {
        &self.signature
    }
}

impl PreparedOperation {
    pub fn parsed(&self) -> &ParsedOperation {
        &self.parsed
    }

    pub fn kind(&self) -> OperationType {
        self.parsed.normalized.kind
    }

    /// The coerced variables: defaults applied, values converted to their declared types.
    pub fn variables(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.variables
    }

    pub fn normalized(&self) -> &NormalizedOperation {
        &self.parsed.normalized
    }
}
