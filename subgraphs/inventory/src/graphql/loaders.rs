//! Dataloaders, created fresh for every request by [`crate::app`]'s hook.

use std::{collections::HashMap, sync::Arc};

use dataloader::{BatchFn, non_cached::Loader};
use sea_orm::{DatabaseConnection, DbErr};

use crate::service;

/// Keys per SQL statement; a batch of `_entities` larger than this costs one more statement.
const MAX_BATCH: usize = 1_000;

/// A product's available quantity, `None` when inventory does not stock it; the database
/// error is shared by every key of the failed batch.
pub type StockResult = Result<Option<i32>, Arc<DbErr>>;

pub struct Loaders {
    pub stock: Loader<i64, StockResult, StockBatch>,
}

impl Loaders {
    pub fn new(db: DatabaseConnection) -> Loaders {
        Loaders {
            stock: Loader::new(StockBatch { db }).with_max_batch_size(MAX_BATCH),
        }
    }
}

pub struct StockBatch {
    db: DatabaseConnection,
}

impl BatchFn<i64, StockResult> for StockBatch {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, StockResult> {
        match service::stock::by_product_ids(&self.db, keys).await {
            Ok(rows) => {
                let found: HashMap<i64, i32> = rows
                    .into_iter()
                    .map(|r| (r.product_id, r.quantity))
                    .collect();
                // Every key gets an answer: a missing one would make `try_load` fail.
                keys.iter()
                    .map(|key| (*key, Ok(found.get(key).copied())))
                    .collect()
            }
            Err(err) => {
                let err = Arc::new(err);
                keys.iter().map(|key| (*key, Err(err.clone()))).collect()
            }
        }
    }
}
