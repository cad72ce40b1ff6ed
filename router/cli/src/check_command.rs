//! `router check`: the schema check a service team runs in CI before shipping a subgraph.
//! Composes the config as it is and with the proposed SDL, diffs the two API schemas
//! (breaking / dangerous / safe, see `composition::diff`), and with `--operations` lists the
//! recorded client operations the change would break.

mod error;
mod inputs;
mod operations;
mod report;

use std::path::PathBuf;

use supergraph::Supergraph;

pub use error::CheckError;
use report::{CompositionError, CompositionHint, Report};

#[derive(clap::Args)]
#[command(after_help = "\
Exit codes:
  0  only safe or dangerous changes, and no operation broken by the change
  1  breaking changes, or operations that validate today and would not after the change
  2  composition errors (listed with their codes, subgraphs and locations) or bad input
     (unreadable config, schema or operations directory)

Operations already invalid against the current schema are listed apart and do not fail
the check.")]
pub struct CheckArgs {
    /// The composition config (rover's `supergraph.yaml` format), describing the graph as
    /// it is deployed today.
    #[arg(long, default_value = "schema/supergraph.yaml")]
    config: PathBuf,
    /// The proposed SDL of a subgraph, as NAME=FILE (repeatable). It replaces that
    /// subgraph's schema from the config; a NAME not in the config adds a new subgraph.
    #[arg(long = "subgraph", value_name = "NAME=FILE", value_parser = inputs::parse_subgraph_arg)]
    subgraphs: Vec<(String, PathBuf)>,
    /// A directory of recorded client operations (`*.graphql`, `*.gql`, searched
    /// recursively; several operations and fragments per file are fine), validated against
    /// the proposed API schema.
    #[arg(long, value_name = "DIR")]
    operations: Option<PathBuf>,
    /// `human` (grouped text) or `json` (one object, for machines).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

/// Runs the check, prints the report on stdout and returns the process exit code.
pub fn run(args: &CheckArgs) -> i32 {
    let mut report = Report {
        config: args.config.display().to_string(),
        ..Report::default()
    };
    if let Err(error) = check(args, &mut report) {
        report.error = Some(error.to_string());
    }
    let report = report.finish();
    match args.format {
        Format::Human => print!("{}", report.to_text()),
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("error: {}", CheckError::from(error));
                return report::EXIT_ERROR;
            }
        },
    }
    report.exit_code
}

fn check(args: &CheckArgs, report: &mut Report) -> Result<(), CheckError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CheckError::Runtime)?;
    let inputs = runtime.block_on(inputs::load(&args.config, &args.subgraphs))?;
    report.proposed = inputs.proposals;

    let current = match composition::compose(&inputs.current) {
        Ok(current) => current,
        Err(errors) => {
            report.composition_errors = errors
                .iter()
                .map(|d| CompositionError::from_diagnostic("current", d))
                .collect();
            return Ok(());
        }
    };
    let proposed = match composition::compose(&inputs.proposed) {
        Ok(proposed) => proposed,
        Err(errors) => {
            report.composition_errors = errors
                .iter()
                .map(|d| CompositionError::from_diagnostic("proposed", d))
                .collect();
            return Ok(());
        }
    };
    // Hints the current config already had are not news for this change.
    report.composition_hints = proposed
        .hints
        .iter()
        .filter(|h| {
            // Locations move with any edit; the same remark at another line is not new.
            !current
                .hints
                .iter()
                .any(|c| c.code == h.code && c.message == h.message)
        })
        .map(|h| CompositionHint {
            code: h.code,
            message: h.message.clone(),
        })
        .collect();

    let current =
        Supergraph::parse(&current.sdl, "current-supergraph.graphql").map_err(Box::new)?;
    let proposed =
        Supergraph::parse(&proposed.sdl, "proposed-supergraph.graphql").map_err(Box::new)?;
    report.changes = composition::diff::diff(&current.api_schema, &proposed.api_schema);
    if let Some(dir) = &args.operations {
        report.operations = Some(operations::check_operations(
            dir,
            &current.api_schema,
            &proposed.api_schema,
        )?);
    }
    Ok(())
}
