//! Composition errors and hints: data a service team can act on.

use std::fmt;

/// A position in one subgraph's SDL (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub subgraph: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.subgraph, self.line, self.column)
    }
}

/// One composition error, with Apollo's error code where one exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Apollo Federation error code, e.g. `INVALID_FIELD_SHARING`.
    pub code: &'static str,
    pub message: String,
    /// Where the problem is, in each subgraph involved (may be empty for global problems).
    pub locations: Vec<Location>,
}

impl Diagnostic {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            locations: Vec::new(),
        }
    }

    pub fn at(mut self, location: Option<Location>) -> Self {
        if let Some(location) = location
            && !self.locations.contains(&location)
        {
            self.locations.push(location);
        }
        self
    }

    pub fn at_all(mut self, locations: impl IntoIterator<Item = Option<Location>>) -> Self {
        for location in locations {
            self = self.at(location);
        }
        self
    }

    /// The subgraphs involved, in order of first location.
    pub fn subgraphs(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for location in &self.locations {
            if !names.contains(&location.subgraph.as_str()) {
                names.push(&location.subgraph);
            }
        }
        names
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {}", self.code, self.message)?;
        for location in &self.locations {
            write!(f, "\n  --> {location}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// A non-fatal remark about the composition (Apollo calls these hints).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub code: &'static str,
    pub message: String,
    pub locations: Vec<Location>,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hint[{}]: {}", self.code, self.message)?;
        for location in &self.locations {
            write!(f, "\n  --> {location}")?;
        }
        Ok(())
    }
}

/// Renders diagnostics one per paragraph, as the CLI and snapshots show them.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Quotes a list of subgraph names the way Apollo's messages do: `"a", "b" and "c"`.
pub(crate) fn join_quoted<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| format!("\"{}\"", n.as_ref()))
        .collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// `subgraph "a"` or `subgraphs "a" and "b"`.
pub(crate) fn subgraphs_phrase<S: AsRef<str>>(names: &[S]) -> String {
    if names.len() == 1 {
        format!("subgraph {}", join_quoted(names))
    } else {
        format!("subgraphs {}", join_quoted(names))
    }
}
