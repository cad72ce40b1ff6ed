//! Federation v2 composition: subgraph SDLs in, a standard supergraph SDL out (the
//! `join/v0.5` format that `rover supergraph compose` emits and that Apollo Router, Hive
//! Router and our own `supergraph` crate load).
//!
//! # Public API
//! - [`compose`]`(&[SubgraphSdl]) -> Result<Supergraph, Vec<Diagnostic>>`: parses each
//!   subgraph (Federation 2 `@link` imports, renamed or namespaced directives, Federation 1
//!   bare directives), validates federation directive usage per subgraph, merges, checks
//!   satisfiability, and prints the supergraph. On failure, every diagnostic found is
//!   returned at once, each with an Apollo error code, a message and `subgraph:line:column`
//!   locations.
//! - [`Supergraph`]: `sdl` plus non-fatal [`Hint`]s.
//! - [`render`]: diagnostics as text (one paragraph each), as a CLI prints them.
//! - [`config::SupergraphConfig`]: rover's `supergraph.yaml`, strictly parsed;
//!   [`config::SupergraphConfig::load_subgraphs`] reads files / fetches `subgraph_url`s.
//! - [`fetch::fetch_subgraph_sdl`]: a live subgraph's `_service { sdl }`.
//! - [`compose_from_config`]`(path)`: `supergraph.yaml` → subgraphs → supergraph, what
//!   `router compose` needs; [`ComposeError`] tells config problems from composition ones.
//! - [`diff::diff`]`(&old_api_schema, &new_api_schema)`: every change between two API schemas,
//!   classified breaking / dangerous / safe for existing clients, what `router check` reports.
//!
//! Stages mirror Apollo's: `parse` → `validate` → `merge` → `satisfiability` → `print`.
//!
//! ```
//! use composition::{SubgraphSdl, compose};
//! let users = SubgraphSdl::new(
//!     "users",
//!     "http://users/graphql",
//!     r#"extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
//!        type Query { me: User }
//!        type User @key(fields: "id") { id: ID! name: String }"#,
//! );
//! let supergraph = compose(&[users]).expect("composes");
//! assert!(supergraph.sdl.contains("@join__type(graph: USERS, key: \"id\")"));
//! ```
//!
//! # Rules applied (Apollo error codes)
//! - Subgraph: `INVALID_GRAPHQL` (syntax, unknown types, interface fields, a type defined
//!   twice, types without fields, members or values, `__`-prefixed names),
//!   `KEY_INVALID_FIELDS`, `KEY_FIELDS_HAS_ARGS`, `KEY_FIELDS_SELECT_INVALID_TYPE`,
//!   `REQUIRES_INVALID_FIELDS`, `REQUIRES_FIELDS_MISSING_EXTERNAL`,
//!   `PROVIDES_INVALID_FIELDS`, `PROVIDES_FIELDS_MISSING_EXTERNAL`,
//!   `PROVIDES_ON_NON_OBJECT_FIELD`, `EXTERNAL_UNUSED`, `EXTERNAL_ON_INTERFACE`,
//!   `INTERFACE_OBJECT_USAGE_ERROR`,
//!   `INTERFACE_KEY_NOT_ON_IMPLEMENTATION`, `INVALID_SHAREABLE_USAGE`, `ROOT_QUERY_USED` (and
//!   mutation/subscription), `INVALID_SUBGRAPH_NAME`.
//! - What is external (Apollo's `ExternalTester`): `@external` on a field, or on an object
//!   type (Federation 2: every field of the type, its extensions' included); but a field a
//!   `@key` of an `extend type` / `@extends` type selects (at any depth) is resolvable by its
//!   subgraph despite `@external`, in Federation 1 and 2 alike. Below an interface field whose
//!   implementation is `@external`, a `@requires`/`@provides` selection needs no `@external`.
//! - Federation 1 subgraphs (no federation `@link`) get Apollo's upgrade: every object field
//!   shareable (`Subscription` excepted), type extensions turned into definitions (no
//!   `extension: true`), `@external` on interface fields dropped, no
//!   `*_FIELDS_MISSING_EXTERNAL`/`EXTERNAL_UNUSED` checks. Apollo reports no hints for the
//!   upgrade, so neither do we.
//! - Merge: `TYPE_KIND_MISMATCH`, `INVALID_FIELD_SHARING` (fields any `@key` selects, nested
//!   ones and those of non-resolvable keys included, and provided external fields are
//!   shareable), `FIELD_TYPE_MISMATCH` (outputs: most general type, inputs: most
//!   specific, `@join__field(type:)` where a subgraph differs), `EXTERNAL_TYPE_MISMATCH`,
//!   `EXTERNAL_MISSING_ON_BASE`, `FIELD_ARGUMENT_TYPE_MISMATCH`,
//!   `REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH`, `FIELD_ARGUMENT_DEFAULT_MISMATCH`,
//!   `REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH`, `INPUT_FIELD_DEFAULT_MISMATCH`,
//!   `EMPTY_MERGED_INPUT_TYPE`, `ENUM_VALUE_MISMATCH`, `EMPTY_MERGED_ENUM_TYPE`,
//!   `OVERRIDE_SOURCE_HAS_OVERRIDE`, `INTERFACE_FIELD_NO_IMPLEM`, `NO_QUERIES`,
//!   `INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE`, `EXTENSION_WITH_NO_BASE`, `OVERRIDE_ON_INTERFACE`,
//!   `OVERRIDE_LABEL_INVALID`, `OVERRIDE_FROM_SELF_ERROR`, `OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE`,
//!   `REFERENCED_INACCESSIBLE`, `REQUIRED_INACCESSIBLE`, `ONLY_INACCESSIBLE_CHILDREN`,
//!   `IMPLEMENTED_BY_INACCESSIBLE`, `QUERY_ROOT_TYPE_INACCESSIBLE`, `DISALLOWED_INACCESSIBLE`,
//!   `LINK_IMPORT_NAME_MISMATCH` (a carried directive applied under different names).
//! - Hints (Apollo's codes and wording): `INCONSISTENT_ENTITY`,
//!   `INCONSISTENT_OBJECT_VALUE_TYPE_FIELD`, `INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD` (value
//!   types that subgraphs, Federation 1 ones typically, define with different fields),
//!   `INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE` / `_ARGUMENT_TYPE`, `INCONSISTENT_ARGUMENT_PRESENCE`,
//!   `INCONSISTENT_DEFAULT_VALUE_PRESENCE`, `INCONSISTENT_INPUT_OBJECT_FIELD`,
//!   `INCONSISTENT_UNION_MEMBER`, `INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM` / `_OUTPUT_ENUM`,
//!   `UNUSED_ENUM_TYPE`, the `@override` ones, `INCONSISTENT_DESCRIPTION` (not for enum values yet). Not yet:
//!   `MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS`, `INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS`,
//!   `INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN`.
//!   Every subgraph has a query root, so `Query` gets a `@join__type` for each (as in
//!   Apollo's supergraphs).
//! - Access control: `@authenticated`, `@requiresScopes`, `@policy` (Federation v2.5/v2.6) are
//!   carried to the supergraph with their `@link(..., for: SECURITY)` and definitions; several
//!   subgraphs' requirements are AND-ed (`@authenticated` if any; scope and policy lists by
//!   DNF conjunction), interfaces get the requirements of all their implementations.
//!   `AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE` (on interfaces, their fields, `@interfaceObject`
//!   types), `INVALID_GRAPHQL` (on unions, inputs, arguments, enum values). Not checked yet:
//!   `MISSING_TRANSITIVE_AUTH_REQUIREMENTS` (a `@requires` reading protected fields).
//! - `SATISFIABILITY_ERROR`: every API field reachable from the roots must be resolvable
//!   by a subgraph reachable through resolvable `@key`s, and its `@requires` selection must be
//!   fetchable too: nested fields from where their parent is fetched (following keys further),
//!   `... on T` conditions from where the value can be a `T`, and required fields that have
//!   their own `@requires` (chained) only if that one is fetchable in turn. Fields a
//!   `@provides` selects count as resolved along that path (keys made of them included).
//!   A field is unsatisfiable only when every alternative fails, and the error lists, per
//!   subgraph, why each failed. As in Apollo's API query graph, an interface's fields are
//!   checked through its implementations: an interface no subgraph implements (or that the
//!   subgraph at hand implements nowhere) yields no value, so nothing below it is an error.
//!
//! `tests/reference.rs` compares every fixture with what `@apollo/composition` makes of it
//! (checked-in references, regenerated by `scripts/reference-compose`), deliberate
//! differences listed there.
//!
//! Output is always `join/v0.5` (the format our loader and planner read). Apollo picks the
//! smallest join version the subgraphs' federation version needs (v0.3 for subgraphs linking
//! federation v2.3, v0.5 from v2.8), so the text equals rover's byte for byte when the
//! subgraphs link federation v2.8 or later; otherwise only the join header/definitions differ.
//!
//! Not supported: `@composeDirective` and custom directives (dropped, like Apollo without
//! `@composeDirective`), `@context`/`@fromContext`, `@cost`/`@listSize`, `@join__directive`
//! output.

mod access;
pub mod config;
mod diagnostic;
pub mod diff;
pub mod fetch;
mod fieldset;
mod link;
mod merge;
mod model;
mod parse;
mod print;
mod satisfiability;
mod sdl;
mod targets;
mod validate;

pub use diagnostic::{Diagnostic, Hint, Location, render};
pub use sdl::{SubgraphSdl, Supergraph};

/// Composes subgraphs into a supergraph. Subgraphs are ordered by name, as `rover` does, so
/// the result does not depend on the input order.
pub fn compose(subgraphs: &[SubgraphSdl]) -> Result<Supergraph, Vec<Diagnostic>> {
    let mut inputs: Vec<&SubgraphSdl> = subgraphs.iter().collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));

    let mut diagnostics = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in &inputs {
        if input.name == "_" {
            diagnostics.push(Diagnostic::new(
                "INVALID_SUBGRAPH_NAME",
                "[_] Invalid name _ for a subgraph: this name is reserved",
            ));
        }
        if !seen.insert(input.name.as_str()) {
            diagnostics.push(Diagnostic::new(
                "INVALID_SUBGRAPH_NAME",
                format!("There are multiple subgraphs named \"{}\"", input.name),
            ));
        }
    }
    if inputs.is_empty() {
        diagnostics.push(Diagnostic::new("NO_QUERIES", "No subgraphs to compose."));
    }

    let mut parsed = Vec::new();
    for input in &inputs {
        match parse::parse_subgraph(input) {
            Ok(subgraph) => {
                diagnostics.extend(validate::validate_subgraph(&subgraph));
                parsed.push(subgraph);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let (schema, errors, hints) = merge::merge(&parsed);
    if !errors.is_empty() {
        return Err(errors);
    }
    let errors = satisfiability::check(&schema);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Supergraph {
        sdl: print::print(&schema),
        hints,
    })
}

/// Why [`compose_from_config`] failed.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("composition failed with {} error(s):\n{}", .0.len(), render(.0))]
    Composition(Vec<Diagnostic>),
}

/// Reads rover's `supergraph.yaml` at `path` (schema files relative to it), fetches
/// `subgraph_url` schemas, and composes.
pub async fn compose_from_config(path: &std::path::Path) -> Result<Supergraph, ComposeError> {
    let config = config::SupergraphConfig::from_file(path)?;
    let base = path.parent().unwrap_or_else(|| std::path::Path::new("."));
    let subgraphs = config.load_subgraphs(base).await?;
    compose(&subgraphs).map_err(ComposeError::Composition)
}
