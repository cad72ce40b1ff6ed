//! Per-request dataloaders: N keys asked for in one resolver level become one SQL statement.
//!
//! The loaders are `non_cached` so a read after a mutation in the same request sees the change.
//! Batch functions cannot fail in the `dataloader` API, so each value is a `Result` and a failed
//! statement hands the same error to every key of the batch.

use std::{collections::HashMap, sync::Arc};

use dataloader::{BatchFn, non_cached::Loader};
use sea_orm::{DatabaseConnection, DbErr};

use crate::{
    entity::{cart, cart_item, order, order_item},
    service::{carts, orders},
};

pub type Loaded<V> = Result<V, Arc<DbErr>>;

/// Keys per statement. The crate's default (200) would split a larger `_entities` call; 1,000
/// ids stay far below SQLite's and PostgreSQL's bound-parameter limits.
pub const MAX_BATCH: usize = 1_000;

/// Everything a request needs to read: the connection and one loader per batched lookup.
pub struct Loaders {
    pub db: DatabaseConnection,
    pub cart_by_id: Loader<i64, Loaded<Option<cart::Model>>, CartById>,
    pub cart_by_user: Loader<i64, Loaded<Option<cart::Model>>, CartByUser>,
    pub cart_items: Loader<i64, Loaded<Vec<cart_item::Model>>, CartItems>,
    pub order_by_id: Loader<i64, Loaded<Option<order::Model>>, OrderById>,
    pub orders_by_user: Loader<RecentOrdersKey, Loaded<Vec<order::Model>>, RecentOrders>,
    pub order_items: Loader<i64, Loaded<Vec<order_item::Model>>, OrderItems>,
}

impl Loaders {
    pub fn new(db: DatabaseConnection) -> Self {
        Loaders {
            cart_by_id: Loader::new(CartById(db.clone())).with_max_batch_size(MAX_BATCH),
            cart_by_user: Loader::new(CartByUser(db.clone())).with_max_batch_size(MAX_BATCH),
            cart_items: Loader::new(CartItems(db.clone())).with_max_batch_size(MAX_BATCH),
            order_by_id: Loader::new(OrderById(db.clone())).with_max_batch_size(MAX_BATCH),
            orders_by_user: Loader::new(RecentOrders(db.clone())).with_max_batch_size(MAX_BATCH),
            order_items: Loader::new(OrderItems(db.clone())).with_max_batch_size(MAX_BATCH),
            db,
        }
    }
}

pub struct CartById(DatabaseConnection);
pub struct CartByUser(DatabaseConnection);
pub struct CartItems(DatabaseConnection);
pub struct OrderById(DatabaseConnection);
pub struct RecentOrders(DatabaseConnection);
pub struct OrderItems(DatabaseConnection);

/// A user's newest `first` orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecentOrdersKey {
    pub user_id: i64,
    pub first: u64,
}

impl BatchFn<i64, Loaded<Option<cart::Model>>> for CartById {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Loaded<Option<cart::Model>>> {
        one_per_key(keys, carts::carts_by_ids(&self.0, keys).await, |c| c.id)
    }
}

impl BatchFn<i64, Loaded<Option<cart::Model>>> for CartByUser {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Loaded<Option<cart::Model>>> {
        one_per_key(keys, carts::carts_by_user_ids(&self.0, keys).await, |c| {
            c.user_id
        })
    }
}

impl BatchFn<i64, Loaded<Vec<cart_item::Model>>> for CartItems {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Loaded<Vec<cart_item::Model>>> {
        many_per_key(keys, carts::items_by_cart_ids(&self.0, keys).await, |i| {
            i.cart_id
        })
    }
}

impl BatchFn<i64, Loaded<Option<order::Model>>> for OrderById {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Loaded<Option<order::Model>>> {
        one_per_key(keys, orders::orders_by_ids(&self.0, keys).await, |o| o.id)
    }
}

impl BatchFn<i64, Loaded<Vec<order_item::Model>>> for OrderItems {
    async fn load(&mut self, keys: &[i64]) -> HashMap<i64, Loaded<Vec<order_item::Model>>> {
        many_per_key(keys, orders::items_by_order_ids(&self.0, keys).await, |i| {
            i.order_id
        })
    }
}

impl BatchFn<RecentOrdersKey, Loaded<Vec<order::Model>>> for RecentOrders {
    async fn load(
        &mut self,
        keys: &[RecentOrdersKey],
    ) -> HashMap<RecentOrdersKey, Loaded<Vec<order::Model>>> {
        // One statement per distinct `first`; a query level normally uses a single value.
        let mut by_first: HashMap<u64, Vec<i64>> = HashMap::new();
        for key in keys {
            by_first.entry(key.first).or_default().push(key.user_id);
        }
        let mut result = HashMap::with_capacity(keys.len());
        for (first, user_ids) in by_first {
            let rows = orders::recent_orders_by_user_ids(&self.0, &user_ids, first).await;
            let grouped = many_per_key(&user_ids, rows, |o| o.user_id);
            result.extend(
                grouped
                    .into_iter()
                    .map(|(user_id, orders)| (RecentOrdersKey { user_id, first }, orders)),
            );
        }
        result
    }
}

/// Keys without a row get `Ok(None)`.
fn one_per_key<T: Clone>(
    keys: &[i64],
    rows: Result<Vec<T>, DbErr>,
    key_of: impl Fn(&T) -> i64,
) -> HashMap<i64, Loaded<Option<T>>> {
    match rows {
        Ok(rows) => {
            let mut map: HashMap<i64, Loaded<Option<T>>> =
                keys.iter().map(|k| (*k, Ok(None))).collect();
            for row in rows {
                map.insert(key_of(&row), Ok(Some(row)));
            }
            map
        }
        Err(err) => fail_all(keys, err),
    }
}

/// Rows grouped by key, keeping the statement's order; keys without rows get an empty list.
fn many_per_key<T: Clone>(
    keys: &[i64],
    rows: Result<Vec<T>, DbErr>,
    key_of: impl Fn(&T) -> i64,
) -> HashMap<i64, Loaded<Vec<T>>> {
    match rows {
        Ok(rows) => {
            let mut grouped: HashMap<i64, Vec<T>> = keys.iter().map(|k| (*k, Vec::new())).collect();
            for row in rows {
                grouped.entry(key_of(&row)).or_default().push(row);
            }
            grouped.into_iter().map(|(k, v)| (k, Ok(v))).collect()
        }
        Err(err) => fail_all(keys, err),
    }
}

fn fail_all<V>(keys: &[i64], err: DbErr) -> HashMap<i64, Loaded<V>> {
    let err = Arc::new(err);
    keys.iter().map(|k| (*k, Err(err.clone()))).collect()
}
