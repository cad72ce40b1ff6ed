//! `router config`: the `router.yaml` JSON Schema for editors, a validator for CI, and the
//! defaults as YAML.

use std::path::PathBuf;

use anyhow::Context;

#[derive(clap::Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    command: ConfigCommand,
}

#[derive(clap::Subcommand)]
enum ConfigCommand {
    /// Print the JSON Schema of router.yaml (every key with its meaning and default), for
    /// editors: `# yaml-language-server: $schema=router.schema.json`.
    Schema,
    /// Check configuration files (`${env.NAME}` expanded from this environment): prints OK,
    /// or every problem with its line and a hint and exits 1.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the configuration used when no file is given, as YAML.
    Default,
}

pub fn run(args: &ConfigArgs) -> anyhow::Result<()> {
    match &args.command {
        ConfigCommand::Schema => {
            let schema = serde_json::to_string_pretty(&router_server::RouterConfig::json_schema())
                .context("printing the schema")?;
            println!("{schema}");
        }
        ConfigCommand::Validate { files } => {
            let mut invalid = 0;
            for file in files {
                match router_server::serve::read_config(file) {
                    Ok(_) => println!("{}: OK", file.display()),
                    Err(error) => {
                        invalid += 1;
                        eprintln!("{error}");
                    }
                }
            }
            if invalid > 0 {
                anyhow::bail!(
                    "{invalid} of {} configuration files are invalid",
                    files.len()
                );
            }
        }
        ConfigCommand::Default => {
            let yaml = serde_norway::to_string(&router_server::RouterConfig::default())
                .context("printing the defaults")?;
            print!("{yaml}");
        }
    }
    Ok(())
}
