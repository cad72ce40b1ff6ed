//! Carts and their lines: batched reads and the cart mutations.
//!
//! Every mutation runs in one write transaction that first upserts the user's cart row
//! ([`lock_cart`]). That row is the per-user serialisation point: on PostgreSQL the upsert holds
//! its row lock until commit, so concurrent mutations (and `checkout`) of one user's cart run one
//! after the other, each seeing the others' committed lines; on SQLite `BEGIN IMMEDIATE`
//! serialises writers anyway.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
    sea_query::{Alias, Expr, ExprTrait, OnConflict},
};

use super::{MAX_ADD_QUANTITY, MAX_LINE_QUANTITY, ServiceError, begin_write};
use crate::entity::{cart, cart_item};

/// Carts by id, in no particular order.
pub async fn carts_by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<cart::Model>, sea_orm::DbErr> {
    cart::Entity::find()
        .filter(cart::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Carts of the given users, in no particular order (users without a cart have none).
pub async fn carts_by_user_ids(
    db: &impl ConnectionTrait,
    user_ids: &[i64],
) -> Result<Vec<cart::Model>, sea_orm::DbErr> {
    cart::Entity::find()
        .filter(cart::Column::UserId.is_in(user_ids.iter().copied()))
        .all(db)
        .await
}

/// The lines of the given carts, each cart's in the order they were first added.
pub async fn items_by_cart_ids(
    db: &impl ConnectionTrait,
    cart_ids: &[i64],
) -> Result<Vec<cart_item::Model>, sea_orm::DbErr> {
    cart_item::Entity::find()
        .filter(cart_item::Column::CartId.is_in(cart_ids.iter().copied()))
        .order_by_asc(cart_item::Column::Id)
        .all(db)
        .await
}

/// The user's cart, if they ever had one.
pub async fn cart_of_user(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<cart::Model>, sea_orm::DbErr> {
    cart::Entity::find()
        .filter(cart::Column::UserId.eq(user_id))
        .one(db)
        .await
}

/// Creates the user's cart or touches its `updated_at`, in either case locking its row until the
/// transaction ends; returns it.
///
/// One `INSERT .. ON CONFLICT (user_id) DO UPDATE` is race-free: two first mutations of a new
/// user cannot create two carts (the unique index makes the second one update instead).
pub async fn lock_cart(
    tx: &impl ConnectionTrait,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<cart::Model, ServiceError> {
    cart::Entity::insert(cart::ActiveModel {
        user_id: Set(user_id),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(cart::Column::UserId)
            .update_column(cart::Column::UpdatedAt)
            .to_owned(),
    )
    .exec_without_returning(tx)
    .await?;
    cart_of_user(tx, user_id).await?.ok_or_else(|| {
        ServiceError::Db(sea_orm::DbErr::RecordNotFound(format!(
            "cart of user {user_id} vanished right after its upsert"
        )))
    })
}

/// Adds `quantity` of a product to the user's cart (creating cart and line as needed).
pub async fn add_to_cart<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i64,
    product_id: i64,
    quantity: i32,
    now: DateTime<Utc>,
) -> Result<cart::Model, ServiceError> {
    if !(1..=MAX_ADD_QUANTITY).contains(&quantity) {
        return Err(ServiceError::bad_input(format!(
            "quantity must be between 1 and {MAX_ADD_QUANTITY}, got {quantity}"
        )));
    }
    let tx = begin_write(db).await?;
    let cart = lock_cart(&tx, user_id, now).await?;
    // The increment happens inside the database, so concurrent adds cannot overwrite each other
    // even without the cart lock.
    cart_item::Entity::insert(cart_item::ActiveModel {
        cart_id: Set(cart.id),
        product_id: Set(product_id),
        quantity: Set(quantity),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([cart_item::Column::CartId, cart_item::Column::ProductId])
            .value(
                cart_item::Column::Quantity,
                Expr::col((cart_item::Entity, cart_item::Column::Quantity)).add(Expr::col((
                    Alias::new("excluded"),
                    cart_item::Column::Quantity,
                ))),
            )
            .to_owned(),
    )
    .exec_without_returning(&tx)
    .await?;
    let line = line_of(&tx, cart.id, product_id).await?;
    let total = line.map(|l| l.quantity).unwrap_or(quantity);
    if total > MAX_LINE_QUANTITY {
        tx.rollback().await?;
        return Err(ServiceError::bad_input(format!(
            "a cart line holds at most {MAX_LINE_QUANTITY}; adding {quantity} to product {product_id} would make {total}"
        )));
    }
    tx.commit().await?;
    Ok(cart)
}

/// Sets the quantity of a product already in the cart; 0 removes the line.
pub async fn update_cart_item<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i64,
    product_id: i64,
    quantity: i32,
    now: DateTime<Utc>,
) -> Result<cart::Model, ServiceError> {
    if !(0..=MAX_LINE_QUANTITY).contains(&quantity) {
        return Err(ServiceError::bad_input(format!(
            "quantity must be between 0 and {MAX_LINE_QUANTITY}, got {quantity}"
        )));
    }
    if quantity == 0 {
        return remove_from_cart(db, user_id, product_id, now).await;
    }
    let tx = begin_write(db).await?;
    let cart = lock_cart(&tx, user_id, now).await?;
    let updated = cart_item::Entity::update_many()
        .col_expr(cart_item::Column::Quantity, Expr::value(quantity))
        .filter(cart_item::Column::CartId.eq(cart.id))
        .filter(cart_item::Column::ProductId.eq(product_id))
        .exec(&tx)
        .await?;
    if updated.rows_affected == 0 {
        tx.rollback().await?;
        return Err(not_in_cart(product_id));
    }
    tx.commit().await?;
    Ok(cart)
}

/// Removes a product's line from the cart.
pub async fn remove_from_cart<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i64,
    product_id: i64,
    now: DateTime<Utc>,
) -> Result<cart::Model, ServiceError> {
    let tx = begin_write(db).await?;
    let cart = lock_cart(&tx, user_id, now).await?;
    let deleted = cart_item::Entity::delete_many()
        .filter(cart_item::Column::CartId.eq(cart.id))
        .filter(cart_item::Column::ProductId.eq(product_id))
        .exec(&tx)
        .await?;
    if deleted.rows_affected == 0 {
        tx.rollback().await?;
        return Err(not_in_cart(product_id));
    }
    tx.commit().await?;
    Ok(cart)
}

/// Empties the user's cart (creating an empty one when they had none).
pub async fn clear_cart<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<cart::Model, ServiceError> {
    let tx = begin_write(db).await?;
    let cart = lock_cart(&tx, user_id, now).await?;
    cart_item::Entity::delete_many()
        .filter(cart_item::Column::CartId.eq(cart.id))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(cart)
}

async fn line_of(
    db: &impl ConnectionTrait,
    cart_id: i64,
    product_id: i64,
) -> Result<Option<cart_item::Model>, sea_orm::DbErr> {
    cart_item::Entity::find()
        .filter(cart_item::Column::CartId.eq(cart_id))
        .filter(cart_item::Column::ProductId.eq(product_id))
        .one(db)
        .await
}

fn not_in_cart(product_id: i64) -> ServiceError {
    ServiceError::not_found(format!("product {product_id} is not in the cart"))
}
