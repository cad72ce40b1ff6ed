//! The outcome of a check, as data (serialized for `--format json`) and as text.

use std::fmt::Write as _;

use composition::diff::{Change, Severity};
use serde::Serialize;

use super::inputs::ProposedSubgraph;
use super::operations::OperationsReport;

/// Only safe or dangerous changes, every operation still valid.
pub const EXIT_OK: i32 = 0;
/// Breaking changes, or operations the change breaks.
pub const EXIT_BREAKING: i32 = 1;
/// Composition errors or bad input (unreadable config, schema or operations).
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// `pass`, `fail` (exit 1) or `error` (exit 2).
    pub result: &'static str,
    pub exit_code: i32,
    pub config: String,
    pub proposed: Vec<ProposedSubgraph>,
    /// Why the check could not run (bad input), if so.
    pub error: Option<String>,
    pub composition_errors: Vec<CompositionError>,
    pub composition_hints: Vec<CompositionHint>,
    pub summary: Summary,
    pub changes: Vec<Change>,
    pub operations: Option<OperationsReport>,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub breaking: usize,
    pub dangerous: usize,
    pub safe: usize,
    pub broken_operations: usize,
    pub already_invalid_operations: usize,
}

#[derive(Debug, Serialize)]
pub struct CompositionError {
    /// `proposed`, or `current` when the config fails to compose even without the proposal.
    pub schema: &'static str,
    pub code: &'static str,
    pub message: String,
    pub subgraphs: Vec<String>,
    pub locations: Vec<Location>,
}

#[derive(Debug, Serialize)]
pub struct Location {
    pub subgraph: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct CompositionHint {
    pub code: &'static str,
    pub message: String,
}

impl CompositionError {
    pub fn from_diagnostic(schema: &'static str, diagnostic: &composition::Diagnostic) -> Self {
        Self {
            schema,
            code: diagnostic.code,
            message: diagnostic.message.clone(),
            subgraphs: diagnostic
                .subgraphs()
                .into_iter()
                .map(str::to_string)
                .collect(),
            locations: diagnostic
                .locations
                .iter()
                .map(|l| Location {
                    subgraph: l.subgraph.clone(),
                    line: l.line,
                    column: l.column,
                })
                .collect(),
        }
    }
}

impl Report {
    /// Fills the summary, the result and the exit code from the findings.
    pub fn finish(mut self) -> Self {
        let count = |s: Severity| self.changes.iter().filter(|c| c.severity == s).count();
        self.summary.breaking = count(Severity::Breaking);
        self.summary.dangerous = count(Severity::Dangerous);
        self.summary.safe = count(Severity::Safe);
        if let Some(operations) = &self.operations {
            self.summary.broken_operations = operations.broken.len();
            self.summary.already_invalid_operations = operations.already_invalid.len();
        }
        (self.result, self.exit_code) =
            if self.error.is_some() || !self.composition_errors.is_empty() {
                ("error", EXIT_ERROR)
            } else if self.summary.breaking > 0 || self.summary.broken_operations > 0 {
                ("fail", EXIT_BREAKING)
            } else {
                ("pass", EXIT_OK)
            };
        self
    }

    /// The human-readable report: composition errors, breaking, dangerous and safe changes,
    /// operations, then a one-line verdict.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let proposed: Vec<String> = self
            .proposed
            .iter()
            .map(|p| {
                let new = if p.new_subgraph {
                    " (new subgraph)"
                } else {
                    ""
                };
                format!("{}={}{new}", p.name, p.file)
            })
            .collect();
        let _ = writeln!(
            out,
            "Checking {} against {}",
            if proposed.is_empty() {
                "the config as it is".to_string()
            } else {
                proposed.join(", ")
            },
            self.config
        );
        if let Some(error) = &self.error {
            let _ = writeln!(out, "\nerror: {error}");
        }
        if !self.composition_errors.is_empty() {
            let current = self
                .composition_errors
                .iter()
                .any(|e| e.schema == "current");
            let _ = writeln!(
                out,
                "\nComposition errors ({}){}:",
                self.composition_errors.len(),
                if current {
                    " in the current config, before the proposed change"
                } else {
                    ""
                }
            );
            for error in &self.composition_errors {
                let _ = writeln!(out, "  error[{}]: {}", error.code, indent(&error.message));
                for location in &error.locations {
                    let _ = writeln!(
                        out,
                        "    --> {}:{}:{}",
                        location.subgraph, location.line, location.column
                    );
                }
            }
        }
        for hint in &self.composition_hints {
            let _ = writeln!(out, "  hint[{}]: {}", hint.code, indent(&hint.message));
        }
        for (severity, title) in [
            (Severity::Breaking, "Breaking changes"),
            (Severity::Dangerous, "Dangerous changes"),
            (Severity::Safe, "Safe changes"),
        ] {
            let changes: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.severity == severity)
                .collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title} ({}):", changes.len());
            for change in changes {
                let _ = writeln!(out, "  {} {}", change.code, change.coordinate);
                let _ = writeln!(out, "    {}", change.message);
            }
        }
        if self.error.is_none() && self.composition_errors.is_empty() && self.changes.is_empty() {
            let _ = writeln!(out, "\nNo changes to the API schema.");
        }
        if let Some(operations) = &self.operations {
            let _ = writeln!(
                out,
                "\nOperations: {} in {} file(s) under {}: {} broken by this change, {} already invalid.",
                operations.operations,
                operations.files,
                operations.directory,
                operations.broken.len(),
                operations.already_invalid.len()
            );
            for (title, failures) in [
                ("Broken by this change", &operations.broken),
                (
                    "Already invalid against the current schema (not caused by this change)",
                    &operations.already_invalid,
                ),
            ] {
                if failures.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "  {title}:");
                for failure in failures {
                    let _ = writeln!(out, "    {} {}", failure.file, failure.operation);
                    for error in &failure.errors {
                        match (error.line, error.column) {
                            (Some(line), Some(column)) => {
                                let _ = writeln!(out, "      {line}:{column}: {}", error.message);
                            }
                            _ => {
                                let _ = writeln!(out, "      {}", error.message);
                            }
                        }
                    }
                }
            }
        }
        let verdict = match self.result {
            "pass" => format!(
                "PASS: {} dangerous, {} safe change(s)",
                self.summary.dangerous, self.summary.safe
            ),
            "fail" => format!(
                "FAIL: {} breaking change(s), {} broken operation(s)",
                self.summary.breaking, self.summary.broken_operations
            ),
            _ if !self.composition_errors.is_empty() => format!(
                "ERROR: composition failed with {} error(s)",
                self.composition_errors.len()
            ),
            _ => "ERROR: the check could not run".to_string(),
        };
        let _ = writeln!(out, "\n{verdict}");
        out
    }
}

/// Continuation lines of a multi-line message, indented under their first line.
fn indent(message: &str) -> String {
    message.replace('\n', "\n    ")
}
