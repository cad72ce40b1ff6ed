//! `router plan`: prints the query plan of an operation against a supergraph. The operation is
//! parsed and validated against the API schema first; only a valid operation reaches the
//! planner.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use planner::apollo_compiler::ExecutableDocument;
use planner::apollo_compiler::validation::DiagnosticList;
use planner::{PlanError, PlanOptions, Planner, PreparedOperation};
use supergraph::{Supergraph, SupergraphError};

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Supergraph SDL (Federation v2 `@link`/join, or v1 `@core`).
    #[arg(long)]
    pub supergraph: PathBuf,
    /// File holding the GraphQL operation.
    #[arg(long)]
    pub query: PathBuf,
    /// Which operation of the document to plan.
    #[arg(long)]
    pub operation_name: Option<String>,
    /// Variables as a JSON object, checked against the operation's definitions.
    #[arg(long)]
    pub variables: Option<String>,
    /// Progressive-override label to treat as enabled (repeatable).
    #[arg(long = "override-label")]
    pub override_labels: Vec<String>,
    /// Print the plan as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanCommandError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid supergraph {path}: {source}")]
    Supergraph {
        path: PathBuf,
        source: Box<SupergraphError>,
    },
    #[error("invalid operation:\n{0}")]
    InvalidOperation(String),
    #[error("invalid variables: {0}")]
    InvalidVariables(String),
    #[error("query planning failed: {0}")]
    Plan(#[from] PlanError),
    #[error("cannot serialize the plan: {0}")]
    Json(#[from] serde_json::Error),
}

fn read(path: &Path) -> Result<String, PlanCommandError> {
    std::fs::read_to_string(path).map_err(|source| PlanCommandError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn describe(path: &Path, errors: &DiagnosticList) -> String {
    errors
        .iter()
        .map(|diagnostic| {
            let json = diagnostic.to_json();
            match json.locations.first() {
                Some(l) => format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    l.line,
                    l.column,
                    json.message
                ),
                None => format!("{}: {}", path.display(), json.message),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Plans the operation and returns the printed plan.
pub fn run(args: &PlanArgs) -> Result<String, PlanCommandError> {
    let sdl = read(&args.supergraph)?;
    let supergraph =
        Supergraph::parse(&sdl, &args.supergraph.display().to_string()).map_err(|source| {
            PlanCommandError::Supergraph {
                path: args.supergraph.clone(),
                source: Box::new(source),
            }
        })?;
    let query = read(&args.query)?;
    let document = ExecutableDocument::parse_and_validate(
        &supergraph.api_schema,
        query.as_str(),
        args.query.display().to_string(),
    )
    .map_err(|e| PlanCommandError::InvalidOperation(describe(&args.query, &e.errors)))?;
    let operation = document
        .operations
        .get(args.operation_name.as_deref())
        .map_err(|e| PlanCommandError::InvalidOperation(e.message().to_string()))?;
    if let Some(variables) = &args.variables {
        let values: planner::apollo_compiler::response::JsonMap =
            serde_json::from_str(variables)
                .map_err(|e| PlanCommandError::InvalidVariables(e.to_string()))?;
        planner::apollo_compiler::request::coerce_variable_values(
            &supergraph.api_schema,
            operation,
            &values,
        )
        .map_err(|e| PlanCommandError::InvalidVariables(e.message().to_string()))?;
    }
    let prepared = PreparedOperation::from_document(&document, args.operation_name.as_deref())?;
    let planner = Planner::new(Arc::new(supergraph));
    let options = PlanOptions {
        enabled_override_labels: args.override_labels.iter().cloned().collect(),
    };
    let plan = planner.plan(&prepared.input(), &options)?;
    Ok(if args.json {
        serde_json::to_string_pretty(&plan)?
    } else {
        plan.to_string()
    })
}
