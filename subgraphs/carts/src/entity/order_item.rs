//! A line of an order, copied from the cart at checkout.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub order_id: i64,
    pub product_id: i64,
    pub quantity: i32,
}

/// What this table links to; the definitions are in [`super::relations`].
#[derive(Copy, Clone, Debug, EnumIter)]
pub enum Relation {
    Order,
}

impl ActiveModelBehavior for ActiveModel {}
