//! Dataloaders, created fresh for every request by [`crate::app`]'s hook. Each turns the
//! keys gathered while resolving one level of a query into a single SQL statement.

use std::{collections::HashMap, sync::Arc};

use dataloader::{BatchFn, non_cached::Loader};
use sea_orm::{DatabaseConnection, DbErr};

use crate::{
    entity::review,
    service::reviews::{self, Parent, RatingStats},
};

/// Keys per SQL statement; more keys than this cost one more statement.
const MAX_BATCH: usize = 1_000;

/// A database error shared by every key of the failed batch.
pub type Shared<T> = Result<T, Arc<DbErr>>;

/// `(parent id, first)`: lists asked with different `first` in one request still share a
/// statement (it fetches the largest `first`, each key keeps its own).
pub type ListKey = (i64, u64);

pub struct Loaders {
    pub review: Loader<i64, Shared<Option<review::Model>>, ReviewById>,
    pub product_reviews: Loader<ListKey, Shared<Vec<review::Model>>, ReviewsOf>,
    pub user_reviews: Loader<ListKey, Shared<Vec<review::Model>>, ReviewsOf>,
    pub rating_stats: Loader<i64, Shared<RatingStats>, RatingStatsOf>,
}

impl Loaders {
    pub fn new(db: DatabaseConnection) -> Loaders {
        Loaders {
            review: Loader::new(ReviewById { db: db.clone() }).with_max_batch_size(MAX_BATCH),
            product_reviews: Loader::new(ReviewsOf {
                db: db.clone(),
                parent: Parent::Product,
            })
            .with_max_batch_size(MAX_BATCH),
            user_reviews: Loader::new(ReviewsOf {
                db: db.clone(),
                parent: Parent::User,
            })
            .with_max_batch_size(MAX_BATCH),
            rating_stats: Loader::new(RatingStatsOf { db }).with_max_batch_size(MAX_BATCH),
        }
    }
}

/// Every key gets an answer (a missing one would make `try_load` fail): the value found,
/// or the shared error.
fn answer_all<K, T, V>(
    keys: &[K],
    result: Result<T, DbErr>,
    mut pick: impl FnMut(&T, &K) -> V,
) -> HashMap<K, Shared<V>>
where
    K: Clone + Eq + std::hash::Hash,
{
    match result {
        Ok(found) => keys
            .iter()
            .map(|key| (key.clone(), Ok(pick(&found, key))))
            .collect(),
        Err(err) => {
            let err = Arc::new(err);
            keys.iter()
                .map(|key| (key.clone(), Err(err.clone())))
                .collect()
        }
    }
}

pub struct ReviewById {
    db: DatabaseConnection,
}

impl BatchFn<i64, Shared<Option<review::Model>>> for ReviewById {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Shared<Option<review::Model>>> {
        let found = reviews::by_ids(&self.db, keys).await.map(|rows| {
            rows.into_iter()
                .map(|r| (r.id, r))
                .collect::<HashMap<_, _>>()
        });
        answer_all(keys, found, |found, id| found.get(id).cloned())
    }
}

pub struct ReviewsOf {
    db: DatabaseConnection,
    parent: Parent,
}

impl BatchFn<ListKey, Shared<Vec<review::Model>>> for ReviewsOf {
    async fn load(&mut self, keys: &[ListKey]) -> HashMap<ListKey, Shared<Vec<review::Model>>> {
        let mut parent_ids: Vec<i64> = keys.iter().map(|(id, _)| *id).collect();
        parent_ids.sort_unstable();
        parent_ids.dedup();
        let per_parent = keys.iter().map(|(_, first)| *first).max().unwrap_or(0);
        let parent = self.parent;
        let found = reviews::latest_per_parent(&self.db, parent, &parent_ids, per_parent)
            .await
            .map(|rows| {
                let mut by_parent: HashMap<i64, Vec<review::Model>> = HashMap::new();
                for row in rows {
                    by_parent.entry(parent.id_of(&row)).or_default().push(row);
                }
                by_parent
            });
        answer_all(keys, found, |by_parent, (id, first)| {
            by_parent
                .get(id)
                .map(|list| list.iter().take(*first as usize).cloned().collect())
                .unwrap_or_default()
        })
    }
}

pub struct RatingStatsOf {
    db: DatabaseConnection,
}

impl BatchFn<i64, Shared<RatingStats>> for RatingStatsOf {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Shared<RatingStats>> {
        let found = reviews::rating_stats(&self.db, keys)
            .await
            .map(|rows| rows.into_iter().collect::<HashMap<_, _>>());
        answer_all(keys, found, |found, id| {
            found.get(id).copied().unwrap_or_default()
        })
    }
}

/// Turns a loader outcome into a GraphQL result (database details are logged, not returned).
pub fn flatten<V>(outcome: Result<Shared<V>, std::io::Error>) -> async_graphql::Result<V> {
    outcome
        .map_err(subgraph_kit::errors::internal)?
        .map_err(subgraph_kit::errors::internal)
}
