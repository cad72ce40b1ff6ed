//! Opening the service's database: an SQLite file by default, PostgreSQL when the URL says so.

use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use crate::errors::KitError;

/// `sqlite://<data_dir>/<service>.db?mode=rwc` (`rwc`: create the file when missing).
pub fn default_sqlite_url(data_dir: &str, service: &str) -> String {
    format!("sqlite://{data_dir}/{service}.db?mode=rwc")
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Checks the URL's scheme so a typo fails at startup with a clear message, not deep in sqlx.
pub fn backend_of(url: &str) -> Result<Backend, KitError> {
    let invalid = |reason: &str| KitError::InvalidDatabaseUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    if let Some(rest) = url.strip_prefix("sqlite:") {
        if rest.trim_start_matches('/').is_empty() {
            return Err(invalid("no file path after `sqlite://`"));
        }
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(invalid(
            "expected `sqlite://path/file.db` or `postgres://user@host:port/database`",
        ))
    }
}

/// Connects, creating the SQLite file's folder first when needed.
pub async fn connect(url: &str) -> Result<DatabaseConnection, KitError> {
    connect_with(url, None).await
}

/// Like [`connect`], with a PostgreSQL `search_path` (tests use one schema per test).
pub async fn connect_with(
    url: &str,
    postgres_schema: Option<&str>,
) -> Result<DatabaseConnection, KitError> {
    let backend = backend_of(url)?;
    if backend == Backend::Sqlite {
        ensure_sqlite_folder(url)?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if backend == Backend::Sqlite {
        // SQLite serialises writers; a few connections are plenty and avoid lock storms.
        // WAL lets readers proceed while a writer commits; the busy timeout makes writers queue
        // instead of failing with "database is locked" under concurrent mutations. Set on the
        // connect options so that every pooled connection gets them, not just the first.
        options
            .max_connections(4)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
            });
    } else {
        options.max_connections(16);
    }
    if let Some(schema) = postgres_schema {
        options.set_schema_search_path(schema.to_owned());
    }
    Database::connect(options).await.map_err(KitError::Connect)
}

fn ensure_sqlite_folder(url: &str) -> Result<(), KitError> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|source| KitError::DataDir {
            path: parent.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_backends_and_rejects_others() {
        assert_eq!(backend_of("sqlite://data/x.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert_eq!(
            backend_of("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        let err = backend_of("mysql://x").unwrap_err().to_string();
        assert!(err.contains("expected `sqlite://"), "{err}");
        assert!(backend_of("sqlite://").is_err());
    }
}

#[cfg(test)]
mod sqlite_pragma_tests {
    use sea_orm::{ConnectionTrait, Statement};

    use super::*;

    /// Every pooled connection, not only the first, must wait for locks and use WAL.
    #[tokio::test]
    async fn every_sqlite_connection_gets_the_pragmas() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite://{}/p.db?mode=rwc", dir.path().display());
        let db = connect(&url).await.expect("connect");
        // Hold transactions open so the pool must hand out distinct connections.
        let mut held = Vec::new();
        for _ in 0..3 {
            use sea_orm::TransactionTrait;
            let txn = db.begin().await.expect("begin");
            let row = txn
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    "PRAGMA busy_timeout",
                ))
                .await
                .expect("query")
                .expect("a row");
            let timeout: i64 = row.try_get_by_index(0).expect("integer");
            assert_eq!(timeout, 10_000);
            held.push(txn);
        }
        let mode = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA journal_mode",
            ))
            .await
            .expect("query")
            .expect("a row");
        let mode: String = mode.try_get_by_index(0).expect("text");
        assert_eq!(mode, "wal");
    }
}
