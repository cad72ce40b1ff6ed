//! Reading stock rows.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::stock;

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    stock::Entity::find().count(db).await
}

/// The stock rows for `product_ids` in one `SELECT ... WHERE product_id IN (...)`; products
/// inventory does not stock are simply absent.
pub async fn by_product_ids(
    db: &impl ConnectionTrait,
    product_ids: &[i64],
) -> Result<Vec<stock::Model>, DbErr> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    stock::Entity::find()
        .filter(stock::Column::ProductId.is_in(product_ids.iter().copied()))
        .all(db)
        .await
}

/// Products with at most `threshold` units left, scarcest first (ties by product id).
pub async fn low_stock(
    db: &impl ConnectionTrait,
    threshold: i32,
    limit: u64,
) -> Result<Vec<stock::Model>, DbErr> {
    stock::Entity::find()
        .filter(stock::Column::Quantity.lte(threshold))
        .order_by_asc(stock::Column::Quantity)
        .order_by_asc(stock::Column::ProductId)
        .limit(limit)
        .all(db)
        .await
}
