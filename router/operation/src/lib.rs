//! Client operations against the router's API schema.
//!
//! [`Compiler::parse`] parses and validates a query and selects the operation; the result
//! depends only on the query text and operation name, so callers may cache it.
//! [`Compiler::prepare`] coerces the request's variables and normalizes the operation into a
//! [`NormalizedOperation`], the planner's input. [`Compiler::introspect`] answers the root
//! meta-fields the planner never sees (see [`NormalizedOperation::without_introspection`]).
//! Every failure is an [`OperationError`], a GraphQL request error with `extensions.code`.
//!
//! This crate knows nothing of subgraphs: it takes the API schema as an apollo-compiler
//! [`Schema`](apollo_compiler::Schema), however the supergraph layer produced it.

mod cache;
mod compiler;
mod config;
mod error;
mod json;
mod normalize;
mod normalized;
mod shape;

pub use compiler::{Compiler, IntrospectionResponse, ParsedOperation, PreparedOperation};
pub use config::{Config, Limits};
pub use error::{LimitKind, OperationError};
pub use normalized::{Field, InlineFragment, NormalizedOperation, Selection, SelectionSet};

/// The apollo-compiler this crate's types come from, so callers need not depend on a matching
/// version themselves.
pub use apollo_compiler;
