//! Deterministic stock levels for products `1..=size.products` (the ids products seeds).

use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, TransactionTrait};
use subgraph_kit::seed::{SeedRng, SeedSize};

use crate::{entity::stock, service};

/// Fixed so every start (and every test) sees the same stock.
const SEED: u64 = 0x1_4E7E_4703;
/// Rows per INSERT: 2 parameters each, far below SQLite's and PostgreSQL's parameter limits.
const BATCH: usize = 2_000;

/// Seeds stock unless the table already has rows; returns how many rows were inserted.
pub async fn seed_if_empty(db: &DatabaseConnection, size: SeedSize) -> Result<u64, DbErr> {
    if service::stock::count(db).await? > 0 {
        return Ok(0);
    }
    let rows = stock_levels(size);
    let txn = db.begin().await?;
    for chunk in rows.chunks(BATCH) {
        let models = chunk
            .iter()
            .map(|&(product_id, quantity)| stock::ActiveModel {
                product_id: Set(product_id),
                quantity: Set(quantity),
            });
        stock::Entity::insert_many(models)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(rows.len() as u64)
}

/// `(product_id, quantity)` for every seeded product: about 8% sold out, 12% low (1..=5),
/// the rest 6..=500, so `inStock: false` and `lowStockProducts` both have data.
pub fn stock_levels(size: SeedSize) -> Vec<(i64, i32)> {
    let mut rng = SeedRng::new(SEED);
    (1..=i64::from(size.products))
        .map(|product_id| {
            let roll = rng.range(0, 99);
            let quantity = match roll {
                0..=7 => 0,
                8..=19 => rng.range(1, 5),
                _ => rng.range(6, 500),
            };
            (product_id, quantity as i32)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_product_with_some_sold_out_and_some_low() {
        let rows = stock_levels(SeedSize::TEST);
        assert_eq!(rows.len(), SeedSize::TEST.products as usize);
        assert_eq!(rows.first().map(|r| r.0), Some(1));
        assert!(rows.iter().any(|r| r.1 == 0));
        assert!(rows.iter().any(|r| (1..=5).contains(&r.1)));
        assert!(rows.iter().all(|r| (0..=500).contains(&r.1)));
        assert_eq!(rows, stock_levels(SeedSize::TEST));
    }
}
