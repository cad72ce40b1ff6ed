//! Turning a cart into an order.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::{ServiceError, begin_write, carts};
use crate::entity::{cart_item, order, order_item};

/// Moves every line of the user's cart into a new `PLACED` order, in one transaction.
///
/// The cart row is locked first ([`carts::lock_cart`]), so an `addToCart` racing this either
/// commits before (its units are read below and end up in the order) or waits and lands in the
/// emptied cart afterwards: no unit is lost or counted twice.
pub async fn checkout<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<order::Model, ServiceError> {
    let tx = begin_write(db).await?;
    let cart = carts::lock_cart(&tx, user_id, now).await?;
    let lines = carts::items_by_cart_ids(&tx, &[cart.id]).await?;
    if lines.is_empty() {
        tx.rollback().await?;
        return Err(ServiceError::bad_input(
            "the cart is empty: nothing to check out",
        ));
    }
    let order = order::ActiveModel {
        user_id: Set(user_id),
        status: Set(order::Status::Placed),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    order_item::Entity::insert_many(lines.iter().map(|line| order_item::ActiveModel {
        order_id: Set(order.id),
        product_id: Set(line.product_id),
        quantity: Set(line.quantity),
        ..Default::default()
    }))
    .exec_without_returning(&tx)
    .await?;
    // Delete exactly the lines copied, by id: nothing else can be in the cart while it is locked,
    // but this keeps the statement honest if that ever changes.
    cart_item::Entity::delete_many()
        .filter(cart_item::Column::Id.is_in(lines.iter().map(|l| l.id)))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(order)
}
