//! One cart per user (`user_id` is unique), kept even when emptied so its id stays stable.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cart")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub user_id: i64,
    pub updated_at: DateTimeUtc,
}

/// What this table links to; the definitions are in [`super::relations`].
#[derive(Copy, Clone, Debug, EnumIter)]
pub enum Relation {
    CartItem,
}

impl ActiveModelBehavior for ActiveModel {}
