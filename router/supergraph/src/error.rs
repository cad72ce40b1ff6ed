//! Errors raised while loading a supergraph: each says what is wrong and where.

use std::fmt;

/// A position in the supergraph SDL (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Formats an optional location as ` at line:column`, or nothing.
pub(crate) struct At(pub Option<Location>);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(location) => write!(f, " at {location}"),
            None => Ok(()),
        }
    }
}

/// One diagnostic from parsing or validating GraphQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub location: Option<Location>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

pub(crate) struct Diagnostics<'a>(pub &'a [Diagnostic]);

impl fmt::Display for Diagnostics<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The first errors are the meaningful ones; later ones often cascade from them.
        const SHOWN: usize = 5;
        for (i, diagnostic) in self.0.iter().take(SHOWN).enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{diagnostic}")?;
        }
        if self.0.len() > SHOWN {
            write!(f, "; and {} more", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum SupergraphError {
    #[error("supergraph is not valid GraphQL: {}", Diagnostics(.0))]
    InvalidSchema(Vec<Diagnostic>),

    #[error(
        "not a supergraph: the schema has no @link (or @core) to the join spec (https://specs.apollo.dev/join/vX.Y)"
    )]
    NotASupergraph,

    #[error("unsupported {spec} spec version v{version}{} (supported: {supported})", At(*.location))]
    UnsupportedSpecVersion {
        spec: String,
        version: String,
        supported: &'static str,
        location: Option<Location>,
    },

    #[error("invalid @{directive} URL {url:?}{}: {reason}", At(*.location))]
    InvalidLinkUrl {
        directive: String,
        url: String,
        reason: String,
        location: Option<Location>,
    },

    #[error("the supergraph has no `{0}` enum listing the subgraphs")]
    MissingGraphEnum(String),

    #[error("enum value {coordinate}{} has no @{directive}(name:) naming its subgraph", At(*.location))]
    MissingGraphName {
        coordinate: String,
        directive: String,
        location: Option<Location>,
    },

    #[error("@{directive} on {coordinate}{}: unknown graph `{graph}` (not a value of the graph enum)", At(*.location))]
    UnknownGraph {
        coordinate: String,
        directive: String,
        graph: String,
        location: Option<Location>,
    },

    #[error(transparent)]
    InvalidArgument(Box<InvalidArgument>),

    #[error(transparent)]
    InvalidFieldSet(Box<InvalidFieldSet>),

    #[error("{coordinate}{}: {problem}", At(*.location))]
    Inconsistent {
        coordinate: String,
        problem: String,
        location: Option<Location>,
    },

    #[error("the API schema derived from the supergraph is invalid: {}", Diagnostics(.0))]
    InvalidApiSchema(Vec<Diagnostic>),
}

/// A join directive argument with a wrong value.
#[derive(Debug, Clone, thiserror::Error)]
#[error("@{directive} on {coordinate}{}: argument `{argument}` {problem}", At(*.location))]
pub struct InvalidArgument {
    pub coordinate: String,
    pub directive: String,
    pub argument: String,
    pub problem: String,
    pub location: Option<Location>,
}

/// A `key`, `requires` or `provides` field set that does not apply to its type.
#[derive(Debug, Clone, thiserror::Error)]
#[error("@{directive}({argument}: {field_set:?}) on {coordinate}{}: invalid field set: {}", At(*.location), Diagnostics(.diagnostics))]
pub struct InvalidFieldSet {
    pub coordinate: String,
    pub directive: String,
    pub argument: String,
    pub field_set: String,
    pub diagnostics: Vec<Diagnostic>,
    pub location: Option<Location>,
}

pub(crate) fn diagnostics_of(
    list: &apollo_compiler::validation::DiagnosticList,
) -> Vec<Diagnostic> {
    list.iter()
        .map(|diagnostic| {
            let json = diagnostic.to_json();
            Diagnostic {
                message: json.message,
                location: json.locations.first().map(|l| Location {
                    line: l.line,
                    column: l.column,
                }),
            }
        })
        .collect()
}

pub(crate) fn location_of(
    span: Option<apollo_compiler::parser::SourceSpan>,
    sources: &apollo_compiler::parser::SourceMap,
) -> Option<Location> {
    let lc = span?.line_column(sources)?;
    Some(Location {
        line: lc.line,
        column: lc.column,
    })
}
