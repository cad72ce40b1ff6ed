//! Batched reads of orders and their lines.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Alias, Expr, ExprTrait, Order, Query, WindowStatement},
};

use crate::entity::{order, order_item};

/// Orders by id, in no particular order.
pub async fn orders_by_ids(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<order::Model>, DbErr> {
    order::Entity::find()
        .filter(order::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// Each given user's `first` newest orders (newest first), in one statement.
///
/// `ROW_NUMBER() OVER (PARTITION BY user_id ...)` keeps the per-user limit in the database, so a
/// user with thousands of orders does not load them all (SQLite ≥ 3.25 and PostgreSQL have it).
pub async fn recent_orders_by_user_ids(
    db: &impl ConnectionTrait,
    user_ids: &[i64],
    first: u64,
) -> Result<Vec<order::Model>, DbErr> {
    let rank = Alias::new("rank_in_user");
    let ranked = Alias::new("ranked");
    let mut window = WindowStatement::partition_by(order::Column::UserId);
    window
        .order_by(order::Column::CreatedAt, Order::Desc)
        .order_by(order::Column::Id, Order::Desc);
    let inner = Query::select()
        .columns([
            order::Column::Id,
            order::Column::UserId,
            order::Column::Status,
            order::Column::CreatedAt,
        ])
        .expr_window_as(Expr::cust("ROW_NUMBER()"), window, rank.clone())
        .from(order::Entity)
        .and_where(order::Column::UserId.is_in(user_ids.iter().copied()))
        .to_owned();
    let outer = Query::select()
        .columns([
            (ranked.clone(), order::Column::Id),
            (ranked.clone(), order::Column::UserId),
            (ranked.clone(), order::Column::Status),
            (ranked.clone(), order::Column::CreatedAt),
        ])
        .from_subquery(inner, ranked.clone())
        .and_where(Expr::col((ranked.clone(), rank)).lte(first))
        .order_by((ranked.clone(), order::Column::UserId), Order::Asc)
        .order_by((ranked.clone(), order::Column::CreatedAt), Order::Desc)
        .order_by((ranked, order::Column::Id), Order::Desc)
        .to_owned();
    let statement = db.get_database_backend().build(&outer);
    order::Entity::find().from_raw_sql(statement).all(db).await
}

/// The lines of the given orders, each order's in checkout order.
pub async fn items_by_order_ids(
    db: &impl ConnectionTrait,
    order_ids: &[i64],
) -> Result<Vec<order_item::Model>, DbErr> {
    order_item::Entity::find()
        .filter(order_item::Column::OrderId.is_in(order_ids.iter().copied()))
        .order_by_asc(order_item::Column::Id)
        .all(db)
        .await
}
