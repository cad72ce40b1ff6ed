//! Per-request dataloaders: every user looked up while answering one request is read in one
//! `SELECT … WHERE id IN (…)`.

use std::{collections::HashMap, sync::Arc};

use dataloader::{BatchFn, cached::Loader};
use sea_orm::{DatabaseConnection, DbErr};
use subgraph_kit::errors::internal;

use crate::{entity::user, service};

/// A row that may not exist, or the database error that kept the whole batch from loading.
type Loaded<T> = Result<Option<T>, Arc<DbErr>>;

/// Loads users by id in batches.
pub struct UserBatch {
    db: DatabaseConnection,
}

impl BatchFn<i64, Loaded<user::Model>> for UserBatch {
    async fn load(&mut self, ids: &[i64]) -> HashMap<i64, Loaded<user::Model>> {
        // Every requested id gets an entry: unknown ids map to None (the loader treats a
        // missing entry as an error).
        match service::users::find_by_ids(&self.db, ids).await {
            Ok(mut found) => ids.iter().map(|id| (*id, Ok(found.remove(id)))).collect(),
            Err(err) => {
                let err = Arc::new(err);
                ids.iter().map(|id| (*id, Err(err.clone()))).collect()
            }
        }
    }
}

/// The loaders of one request (created fresh by the HTTP hook, so nothing is cached across
/// requests).
pub struct Loaders {
    users: Loader<i64, Loaded<user::Model>, UserBatch>,
}

impl Loaders {
    pub fn new(db: DatabaseConnection) -> Self {
        Loaders {
            users: Loader::new(UserBatch { db }),
        }
    }

    /// The user with this id, if any; batched with every other lookup in flight.
    pub async fn user(&self, id: i64) -> async_graphql::Result<Option<user::Model>> {
        match self.users.try_load(id).await {
            Ok(Ok(found)) => Ok(found),
            Ok(Err(db_error)) => Err(internal(db_error)),
            Err(lookup) => Err(internal(lookup)),
        }
    }
}
