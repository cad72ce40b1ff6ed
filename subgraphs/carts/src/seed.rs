//! Deterministic seed data: carts for the first `SeedSize::carts` users and some past orders.
//!
//! Carts and orders get explicit ids (cart id = user id, orders numbered from 1) so the data is
//! identical on every database; PostgreSQL's id sequences are moved past them afterwards.

use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{
    ActiveValue::NotSet, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    PaginatorTrait, Set, TransactionTrait,
};
use subgraph_kit::seed::{SeedRng, SeedSize};

use crate::entity::{cart, cart_item, order, order_item};

const SEED: u64 = 0xCA27_5EED;
/// Rows per INSERT: well under SQLite's bound-parameter limit.
const CHUNK: usize = 500;
/// Users (from 1) that may have past orders, as a multiple of the cart count.
const ORDERING_USERS_PER_CART: u32 = 2;

/// Seeds when both tables are empty; returns how many rows it inserted.
pub async fn seed_if_empty(db: &DatabaseConnection, size: SeedSize) -> Result<u64, DbErr> {
    if cart::Entity::find().count(db).await? > 0 || order::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let data = generate(size);
    let tx = db.begin().await?;
    for chunk in data.carts.chunks(CHUNK) {
        cart::Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(&tx)
            .await?;
    }
    for chunk in data.cart_items.chunks(CHUNK) {
        cart_item::Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(&tx)
            .await?;
    }
    for chunk in data.orders.chunks(CHUNK) {
        order::Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(&tx)
            .await?;
    }
    for chunk in data.order_items.chunks(CHUNK) {
        order_item::Entity::insert_many(chunk.iter().cloned())
            .exec_without_returning(&tx)
            .await?;
    }
    if tx.get_database_backend() == DbBackend::Postgres {
        // Explicit ids do not advance PostgreSQL sequences; without this the next new cart or
        // order would collide with a seeded id.
        for table in ["cart", "orders"] {
            tx.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .await?;
        }
    }
    tx.commit().await?;
    let rows =
        data.carts.len() + data.cart_items.len() + data.orders.len() + data.order_items.len();
    Ok(rows as u64)
}

/// The rows to insert, a pure function of `size`.
pub struct SeedData {
    pub carts: Vec<cart::ActiveModel>,
    pub cart_items: Vec<cart_item::ActiveModel>,
    pub orders: Vec<order::ActiveModel>,
    pub order_items: Vec<order_item::ActiveModel>,
}

pub fn generate(size: SeedSize) -> SeedData {
    let mut rng = SeedRng::new(SEED);
    let base = base_time();
    let products = i64::from(size.products.max(1));
    let mut data = SeedData {
        carts: Vec::new(),
        cart_items: Vec::new(),
        orders: Vec::new(),
        order_items: Vec::new(),
    };

    for user_id in 1..=i64::from(size.carts.min(size.users)) {
        data.carts.push(cart::ActiveModel {
            id: Set(user_id),
            user_id: Set(user_id),
            updated_at: Set(base - Duration::minutes(rng.range(0, 60 * 24 * 30))),
        });
        let lines = rng.range(1, 4) as usize;
        for product_id in distinct_products(&mut rng, products, lines) {
            data.cart_items.push(cart_item::ActiveModel {
                id: NotSet,
                cart_id: Set(user_id),
                product_id: Set(product_id),
                quantity: Set(rng.range(1, 5) as i32),
            });
        }
    }

    const STATUSES: &[order::Status] = &[
        order::Status::Delivered,
        order::Status::Delivered,
        order::Status::Shipped,
        order::Status::Placed,
        order::Status::Cancelled,
    ];
    let ordering_users = size
        .carts
        .saturating_mul(ORDERING_USERS_PER_CART)
        .min(size.users);
    let mut next_order_id = 1_i64;
    for user_id in 1..=i64::from(ordering_users) {
        for _ in 0..rng.range(0, 3) {
            let order_id = next_order_id;
            next_order_id += 1;
            data.orders.push(order::ActiveModel {
                id: Set(order_id),
                user_id: Set(user_id),
                status: Set(*rng.pick(STATUSES)),
                created_at: Set(base - Duration::hours(rng.range(24, 24 * 365))),
            });
            let lines = rng.range(1, 3) as usize;
            for product_id in distinct_products(&mut rng, products, lines) {
                data.order_items.push(order_item::ActiveModel {
                    id: NotSet,
                    order_id: Set(order_id),
                    product_id: Set(product_id),
                    quantity: Set(rng.range(1, 3) as i32),
                });
            }
        }
    }
    data
}

/// Seed timestamps count back from a fixed instant so every run produces the same rows.
fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("2026-01-01T00:00:00Z is a valid, unambiguous instant")
}

/// Up to `count` different product ids in `1..=products`.
fn distinct_products(rng: &mut SeedRng, products: i64, count: usize) -> Vec<i64> {
    let count = count.min(products as usize);
    let mut picked = Vec::with_capacity(count);
    while picked.len() < count {
        let id = rng.range(1, products);
        if !picked.contains(&id) {
            picked.push(id);
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_and_within_the_shared_id_ranges() {
        let size = SeedSize::TEST;
        let a = generate(size);
        let b = generate(size);
        assert_eq!(a.carts, b.carts);
        assert_eq!(a.cart_items, b.cart_items);
        assert_eq!(a.orders, b.orders);
        assert_eq!(a.order_items, b.order_items);
        assert_eq!(a.carts.len(), size.carts as usize);
        assert!(!a.orders.is_empty());
        for item in &a.cart_items {
            let product = item.product_id.clone().unwrap();
            assert!((1..=i64::from(size.products)).contains(&product));
        }
        for order in &a.orders {
            let user = order.user_id.clone().unwrap();
            assert!((1..=i64::from(size.users)).contains(&user));
        }
    }

    #[test]
    fn every_cart_has_one_to_four_distinct_lines() {
        let data = generate(SeedSize::TEST);
        for cart in &data.carts {
            let id = cart.id.clone().unwrap();
            let products: Vec<i64> = data
                .cart_items
                .iter()
                .filter(|i| i.cart_id.clone().unwrap() == id)
                .map(|i| i.product_id.clone().unwrap())
                .collect();
            assert!((1..=4).contains(&products.len()), "cart {id}: {products:?}");
            let mut unique = products.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), products.len());
        }
    }
}
