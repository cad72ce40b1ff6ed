//! `router compose`: subgraph SDLs listed in a rover-style `supergraph.yaml` → supergraph SDL.

use std::path::PathBuf;

use anyhow::Context;

#[derive(clap::Args)]
pub struct ComposeArgs {
    /// The composition config (rover's `supergraph.yaml` format).
    #[arg(long, default_value = "schema/supergraph.yaml")]
    config: PathBuf,
    /// Write the supergraph here instead of printing it.
    #[arg(long)]
    output: Option<PathBuf>,
}

/// Composes; prints hints on stderr and the supergraph on stdout or into `--output`.
pub fn run(args: &ComposeArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let supergraph = runtime
        .block_on(composition::compose_from_config(&args.config))
        .with_context(|| format!("composing {}", args.config.display()))?;
    for hint in &supergraph.hints {
        eprintln!("hint: {hint}");
    }
    match &args.output {
        Some(path) => std::fs::write(path, &supergraph.sdl)
            .with_context(|| format!("writing {}", path.display()))?,
        None => print!("{}", supergraph.sdl),
    }
    Ok(())
}
