//! `--operations DIR`: the recorded client operations, validated against the current and the
//! proposed API schema. An operation is broken by the change when it validates against the
//! current schema and not against the proposed one; one already invalid is reported apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use supergraph::apollo_compiler::ast::{self, Definition, Selection};
use supergraph::apollo_compiler::diagnostic::ToCliReport;
use supergraph::apollo_compiler::validation::Valid;
use supergraph::apollo_compiler::{ExecutableDocument, Schema};

use super::error::CheckError;

/// What `--operations` found.
#[derive(Debug, Default, Serialize)]
pub struct OperationsReport {
    pub directory: String,
    pub files: usize,
    /// Operations checked (named or anonymous), across all files.
    pub operations: usize,
    /// Valid against the current schema, invalid against the proposed one.
    pub broken: Vec<OperationFailure>,
    /// Invalid against the current schema already (not blamed on the change), and still
    /// invalid against the proposed one.
    pub already_invalid: Vec<OperationFailure>,
}

#[derive(Debug, Serialize)]
pub struct OperationFailure {
    pub file: String,
    /// The operation's name, `(anonymous)`, or `fragment Name` for a fragment no operation
    /// uses, `(document)` for an error outside every definition.
    pub operation: String,
    pub errors: Vec<OperationError>,
}

#[derive(Debug, Serialize)]
pub struct OperationError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Every `*.graphql` / `*.gql` file under `dir`, recursively, sorted.
fn operation_files(dir: &Path) -> Result<Vec<PathBuf>, CheckError> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|source| CheckError::Read {
            path: current.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| CheckError::Read {
                path: current.clone(),
                source,
            })?;
            let path = entry.path();
            // Directory symlinks are not followed, so a link cycle cannot make the walk loop.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else if path.is_file()
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e == "graphql" || e == "gql")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

pub fn check_operations(
    dir: &Path,
    current: &Valid<Schema>,
    proposed: &Valid<Schema>,
) -> Result<OperationsReport, CheckError> {
    let files = operation_files(dir)?;
    let mut report = OperationsReport {
        directory: dir.display().to_string(),
        files: files.len(),
        ..Default::default()
    };
    for file in files {
        let source = std::fs::read_to_string(&file).map_err(|source| CheckError::Read {
            path: file.clone(),
            source,
        })?;
        let name = file.display().to_string();
        let definitions = Definitions::of(&source, &name);
        report.operations += definitions.operations.len();
        let before = errors_by_operation(current, &source, &name, &definitions);
        let after = errors_by_operation(proposed, &source, &name, &definitions);
        for (operation, errors) in after {
            let failure = OperationFailure {
                file: name.clone(),
                operation: operation.clone(),
                errors,
            };
            if before.contains_key(&operation) {
                report.already_invalid.push(failure);
            } else {
                report.broken.push(failure);
            }
        }
    }
    Ok(report)
}

/// Where each operation and fragment of a document is, and which fragments each uses, read
/// from the syntax alone so that errors can be attributed whatever the schema.
struct Definitions {
    /// (display name, byte span, fragments it spreads directly)
    operations: Vec<(String, std::ops::Range<usize>, BTreeSet<String>)>,
    fragments: BTreeMap<String, (std::ops::Range<usize>, BTreeSet<String>)>,
}

impl Definitions {
    fn of(source: &str, path: &str) -> Self {
        let document = match ast::Document::parse(source, path) {
            Ok(document) => document,
            Err(with_errors) => with_errors.partial,
        };
        let mut operations = Vec::new();
        let mut fragments = BTreeMap::new();
        for definition in &document.definitions {
            let span = definition
                .location()
                .map(|l| l.offset()..l.end_offset())
                .unwrap_or(0..0);
            match definition {
                Definition::OperationDefinition(operation) => {
                    let name = operation
                        .name
                        .as_ref()
                        .map_or_else(|| "(anonymous)".to_string(), |n| n.to_string());
                    let mut spreads = BTreeSet::new();
                    collect_spreads(&operation.selection_set, &mut spreads);
                    operations.push((name, span, spreads));
                }
                Definition::FragmentDefinition(fragment) => {
                    let mut spreads = BTreeSet::new();
                    collect_spreads(&fragment.selection_set, &mut spreads);
                    fragments.insert(fragment.name.to_string(), (span, spreads));
                }
                _ => {}
            }
        }
        Self {
            operations,
            fragments,
        }
    }

    /// The operations an error at `offset` belongs to.
    fn owners(&self, offset: Option<usize>) -> Vec<String> {
        let Some(offset) = offset else {
            return vec!["(document)".to_string()];
        };
        if let Some((name, _, _)) = self
            .operations
            .iter()
            .find(|(_, span, _)| span.contains(&offset))
        {
            return vec![name.clone()];
        }
        let Some((fragment, _)) = self
            .fragments
            .iter()
            .find(|(_, (span, _))| span.contains(&offset))
        else {
            return vec!["(document)".to_string()];
        };
        let users: Vec<String> = self
            .operations
            .iter()
            .filter(|(_, _, spreads)| self.reaches(spreads, fragment))
            .map(|(name, _, _)| name.clone())
            .collect();
        if users.is_empty() {
            vec![format!("fragment {fragment}")]
        } else {
            users
        }
    }

    /// Whether spreading `spreads` reaches `fragment`, through other fragments too.
    fn reaches(&self, spreads: &BTreeSet<String>, fragment: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut pending: Vec<&String> = spreads.iter().collect();
        while let Some(name) = pending.pop() {
            if name == fragment {
                return true;
            }
            if seen.insert(name.clone())
                && let Some((_, inner)) = self.fragments.get(name)
            {
                pending.extend(inner.iter());
            }
        }
        false
    }
}

fn collect_spreads(selections: &[Selection], out: &mut BTreeSet<String>) {
    for selection in selections {
        match selection {
            Selection::Field(field) => collect_spreads(&field.selection_set, out),
            Selection::FragmentSpread(spread) => {
                out.insert(spread.fragment_name.to_string());
            }
            Selection::InlineFragment(inline) => collect_spreads(&inline.selection_set, out),
        }
    }
}

/// Validation errors of the document against `schema`, by the operation they break.
fn errors_by_operation(
    schema: &Valid<Schema>,
    source: &str,
    path: &str,
    definitions: &Definitions,
) -> BTreeMap<String, Vec<OperationError>> {
    let mut out: BTreeMap<String, Vec<OperationError>> = BTreeMap::new();
    let Err(with_errors) = ExecutableDocument::parse_and_validate(schema, source, path) else {
        return out;
    };
    for diagnostic in with_errors.errors.iter() {
        let offset = diagnostic.error.location().map(|l| l.offset());
        let start = diagnostic.line_column_range().map(|r| r.start);
        for owner in definitions.owners(offset) {
            out.entry(owner).or_default().push(OperationError {
                message: diagnostic.error.to_string(),
                line: start.as_ref().map(|s| s.line),
                column: start.as_ref().map(|s| s.column),
            });
        }
    }
    out
}
