//! Command-line flags and environment shared by every service binary.

use clap::{Parser, ValueEnum};

use crate::seed::SeedSize;

/// `PORT`, `DATABASE_URL` and friends; each flag can also come from its environment variable.
#[derive(Debug, Clone, Parser)]
pub struct ServiceArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "PORT")]
    pub port: Option<u16>,

    /// Address to bind.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,

    /// `sqlite://path/to/file.db` or `postgres://user@host/db`; default: an SQLite file in `--data-dir`.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Folder for the default SQLite database.
    #[arg(long, env = "DATA_DIR", default_value = "data")]
    pub data_dir: String,

    /// Multiplies the seed data size (1 = 1,000 users, 10,000 products, 50,000 reviews).
    #[arg(long, env = "SEED_SCALE", default_value_t = 1.0, value_parser = parse_scale)]
    pub seed_scale: f64,

    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Print the subgraph SDL (as served by `_service { sdl }`) and exit.
    #[arg(long)]
    pub print_sdl: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl ServiceArgs {
    /// The port, or the service's conventional default.
    pub fn port_or(&self, default: u16) -> u16 {
        self.port.unwrap_or(default)
    }

    /// The database URL, or an SQLite file named after the service in the data folder.
    pub fn database_url_for(&self, service: &str) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| crate::db::default_sqlite_url(&self.data_dir, service))
    }

    pub fn seed_size(&self) -> SeedSize {
        SeedSize::scaled(self.seed_scale)
    }
}

fn parse_scale(raw: &str) -> Result<f64, String> {
    let scale: f64 = raw
        .parse()
        .map_err(|_| format!("{raw:?} is not a number"))?;
    if scale.is_finite() && scale > 0.0 && scale <= 100.0 {
        Ok(scale)
    } else {
        Err(format!("seed scale must be in (0, 100], got {raw}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_values_with_a_clear_message() {
        let err = ServiceArgs::try_parse_from(["svc", "--port", "99999"]).unwrap_err();
        assert!(err.to_string().contains("99999"), "{err}");
        let err = ServiceArgs::try_parse_from(["svc", "--seed-scale=-1"]).unwrap_err();
        assert!(err.to_string().contains("seed scale"), "{err}");
    }

    #[test]
    fn defaults_to_an_sqlite_file_per_service() {
        let args = ServiceArgs::try_parse_from(["svc"]).unwrap();
        assert_eq!(args.port_or(4001), 4001);
        assert_eq!(
            args.database_url_for("users"),
            "sqlite://data/users.db?mode=rwc"
        );
    }
}
