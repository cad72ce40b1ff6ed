//! A domain subgraph as the kit sees it ([`Service`]), and what every one does with itself:
//! set its database up ([`setup`]: migrate, seed when empty, log) and run as a process
//! ([`run`]: flags, telemetry, connect, setup, serve).

use axum::Router;
use clap::Parser;
use sea_orm::{DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

use crate::{config::ServiceArgs, errors::KitError, seed::SeedSize};

/// One domain service: its name, migrations, seed and HTTP app.
pub trait Service {
    /// The subgraph's name (logs, default database file, composition).
    const NAME: &'static str;
    /// The port it listens on unless told otherwise.
    const DEFAULT_PORT: u16;
    /// Its schema migrations.
    type Migrator: MigratorTrait;

    /// Inserts the deterministic seed unless the database already holds data; returns how many
    /// rows it inserted (0 when it skipped).
    fn seed(
        db: &DatabaseConnection,
        size: SeedSize,
    ) -> impl Future<Output = Result<u64, DbErr>> + Send;

    /// The Federation v2 SDL, exactly as `_service { sdl }` returns it.
    fn sdl() -> String;

    /// The whole HTTP service over `db`.
    fn app(db: DatabaseConnection) -> Router;
}

/// What can go wrong in [`setup`].
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{service}: migrating the database failed: {source}")]
    Migrate {
        service: &'static str,
        #[source]
        source: DbErr,
    },
    #[error("{service}: seeding the database failed: {source}")]
    Seed {
        service: &'static str,
        #[source]
        source: DbErr,
    },
}

/// What can stop [`run`].
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Kit(#[from] KitError),
    #[error(transparent)]
    Setup(#[from] SetupError),
}

/// Migrates the database, then seeds it when it is empty.
pub async fn setup<S: Service>(db: &DatabaseConnection, size: SeedSize) -> Result<(), SetupError> {
    S::Migrator::up(db, None)
        .await
        .map_err(|source| SetupError::Migrate {
            service: S::NAME,
            source,
        })?;
    let started = std::time::Instant::now();
    let inserted = S::seed(db, size).await.map_err(|source| SetupError::Seed {
        service: S::NAME,
        source,
    })?;
    if inserted > 0 {
        tracing::info!(
            service = S::NAME,
            rows = inserted,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "seeded"
        );
    }
    Ok(())
}

/// The service binary: `--print-sdl`, or set up the database and serve until SIGTERM/Ctrl-C.
pub async fn run<S: Service>() -> Result<(), RunError> {
    let args = ServiceArgs::parse();
    if args.print_sdl {
        print!("{}", S::sdl());
        return Ok(());
    }
    crate::telemetry::init(args.log_format, S::NAME)?;
    let db = crate::db::connect(&args.database_url_for(S::NAME)).await?;
    setup::<S>(&db, args.seed_size()).await?;
    let listener = crate::server::bind((args.host, args.port_or(S::DEFAULT_PORT)).into()).await?;
    crate::server::serve(S::NAME, listener, S::app(db)).await?;
    Ok(())
}

/// What [`service!`](crate::service!) expands to names, so service crates need not.
#[doc(hidden)]
pub mod __private {
    pub use axum::Router;
    pub use sea_orm::{DatabaseConnection, DbErr};
}

/// Declares a service crate's [`Service`] type and its `pub async fn setup`, from what every
/// service crate defines at its root: `NAME`, `DEFAULT_PORT`, `sdl()` and `app(db)`.
///
/// `subgraph_kit::service!(Users, migration::Migrator, seed::seed);` where the seed function
/// takes `(&DatabaseConnection, SeedSize)` and returns how many rows it inserted.
// `crate` on purpose: the paths name the calling service crate's root items.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! service {
    ($name:ident, $migrator:ty, $seed:path) => {
        /// This service, as the kit's setup, binary and test harness take it.
        pub struct $name;

        impl $crate::service::Service for $name {
            const NAME: &'static str = NAME;
            const DEFAULT_PORT: u16 = DEFAULT_PORT;
            type Migrator = $migrator;

            fn seed(
                db: &$crate::service::__private::DatabaseConnection,
                size: $crate::seed::SeedSize,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<u64, $crate::service::__private::DbErr>,
            > + Send {
                $seed(db, size)
            }

            fn sdl() -> String {
                crate::sdl()
            }

            fn app(
                db: $crate::service::__private::DatabaseConnection,
            ) -> $crate::service::__private::Router {
                crate::app(db)
            }
        }

        /// Migrates the database, then seeds it when it is empty.
        pub async fn setup(
            db: &$crate::service::__private::DatabaseConnection,
            size: $crate::seed::SeedSize,
        ) -> ::std::result::Result<(), $crate::service::SetupError> {
            $crate::service::setup::<$name>(db, size).await
        }
    };
}
