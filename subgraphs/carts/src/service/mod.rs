//! Plain async functions over a connection: the only place that talks SQL.

pub mod carts;
pub mod checkout;
pub mod error;
pub mod orders;

pub use error::ServiceError;

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// Largest quantity one `addToCart` call may add.
pub const MAX_ADD_QUANTITY: i32 = 99;
/// Largest quantity a cart line may hold.
pub const MAX_LINE_QUANTITY: i32 = 999;

/// Starts a transaction that will write.
///
/// On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken up front (waiting through
/// `busy_timeout`), so a transaction never has to upgrade a read snapshot to a write lock,
/// which SQLite refuses with "database is locked" without waiting when another writer committed
/// in between. PostgreSQL ignores the option; there every mutation first locks its cart row.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
