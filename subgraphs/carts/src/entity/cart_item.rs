//! A cart line; `(cart_id, product_id)` is unique so concurrent adds upsert one row.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cart_item")]
pub struct Model {
    /// Insertion order: lines are listed in the order they were first added.
    #[sea_orm(primary_key)]
    pub id: i64,
    pub cart_id: i64,
    pub product_id: i64,
    pub quantity: i32,
}

/// What this table links to; the definitions are in [`super::relations`].
#[derive(Copy, Clone, Debug, EnumIter)]
pub enum Relation {
    Cart,
}

impl ActiveModelBehavior for ActiveModel {}
