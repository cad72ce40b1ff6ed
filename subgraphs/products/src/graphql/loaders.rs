//! Per-request dataloaders: every product looked up by id (or by SKU) while answering one
//! request is read in one `SELECT … WHERE id IN (…)` (or `sku IN (…)`).

use std::{collections::HashMap, hash::Hash, sync::Arc};

use dataloader::{BatchFn, cached::Loader};
use sea_orm::{DatabaseConnection, DbErr};
use subgraph_kit::errors::internal;

use crate::{entity::product, service};

/// A row that may not exist, or the database error that kept the whole batch from loading.
type Loaded = Result<Option<product::Model>, Arc<DbErr>>;

/// Every requested key gets an entry: unknown keys map to None (the loader treats a missing
/// entry as an error), and a failed query fails every key of the batch.
fn complete<K: Clone + Eq + Hash>(
    keys: &[K],
    found: Result<HashMap<K, product::Model>, DbErr>,
) -> HashMap<K, Loaded> {
    match found {
        Ok(mut found) => keys
            .iter()
            .map(|key| (key.clone(), Ok(found.remove(key))))
            .collect(),
        Err(err) => {
            let err = Arc::new(err);
            keys.iter()
                .map(|key| (key.clone(), Err(err.clone())))
                .collect()
        }
    }
}

/// Loads products by id in batches.
pub struct ById {
    db: DatabaseConnection,
}

impl BatchFn<i64, Loaded> for ById {
    async fn load(&mut self, ids: &[i64]) -> HashMap<i64, Loaded> {
        complete(ids, service::products::find_by_ids(&self.db, ids).await)
    }
}

/// Loads products by SKU in batches.
pub struct BySku {
    db: DatabaseConnection,
}

impl BatchFn<String, Loaded> for BySku {
    async fn load(&mut self, skus: &[String]) -> HashMap<String, Loaded> {
        complete(skus, service::products::find_by_skus(&self.db, skus).await)
    }
}

/// The loaders of one request (created fresh by the HTTP hook, so nothing is cached across
/// requests).
pub struct Loaders {
    by_id: Loader<i64, Loaded, ById>,
    by_sku: Loader<String, Loaded, BySku>,
}

fn flatten(
    result: Result<Loaded, std::io::Error>,
) -> async_graphql::Result<Option<product::Model>> {
    match result {
        Ok(Ok(found)) => Ok(found),
        Ok(Err(db_error)) => Err(internal(db_error)),
        Err(lookup) => Err(internal(lookup)),
    }
}

impl Loaders {
    pub fn new(db: DatabaseConnection) -> Self {
        Loaders {
            by_id: Loader::new(ById { db: db.clone() }),
            by_sku: Loader::new(BySku { db }),
        }
    }

    /// The product with this id, if any; batched with every other id lookup in flight.
    pub async fn by_id(&self, id: i64) -> async_graphql::Result<Option<product::Model>> {
        flatten(self.by_id.try_load(id).await)
    }

    /// The product with this SKU, if any; batched with every other SKU lookup in flight.
    pub async fn by_sku(&self, sku: String) -> async_graphql::Result<Option<product::Model>> {
        flatten(self.by_sku.try_load(sku).await)
    }
}
