//! A placed order. The table is `orders` because `order` is an SQL keyword.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub status: Status,
    pub created_at: DateTimeUtc,
}

/// Stored as text so the column reads the same on SQLite and PostgreSQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Status {
    #[sea_orm(string_value = "PLACED")]
    Placed,
    #[sea_orm(string_value = "SHIPPED")]
    Shipped,
    #[sea_orm(string_value = "DELIVERED")]
    Delivered,
    #[sea_orm(string_value = "CANCELLED")]
    Cancelled,
}

/// What this table links to; the definitions are in [`super::relations`].
#[derive(Copy, Clone, Debug, EnumIter)]
pub enum Relation {
    OrderItem,
}

impl ActiveModelBehavior for ActiveModel {}
