//! What is wrong with a `router.yaml`: every problem with its place in the file, the key path
//! and, where we can tell, a hint.

use std::fmt;

/// One thing wrong with the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// 1-based line and column in the file, when known.
    pub location: Option<(usize, usize)>,
    /// The key path, e.g. `cors.allow_origins[2]` (empty for the document itself).
    pub path: String,
    pub message: String,
    /// What to do about it: the key that was probably meant, the type that is expected, ...
    pub hint: Option<String>,
}

impl ConfigProblem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            location: None,
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some((line, column));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Every problem found in one configuration document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors {
    /// The file (or other source) the document came from.
    pub origin: String,
    pub problems: Vec<ConfigProblem>,
}

impl ConfigErrors {
    /// One problem without a place, for sources that only give a message.
    pub fn single(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            problems: vec![ConfigProblem::new("", message)],
        }
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(
            f,
            "invalid configuration {}: {count} problem{}",
            self.origin,
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n  {}", self.origin)?;
            if let Some((line, column)) = problem.location {
                write!(f, ":{line}:{column}")?;
            }
            f.write_str(": ")?;
            if !problem.path.is_empty() {
                write!(f, "{}: ", problem.path)?;
            }
            f.write_str(&problem.message)?;
            if let Some(hint) = &problem.hint {
                write!(f, "\n    hint: {hint}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}
