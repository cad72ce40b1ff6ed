//! One row per stocked product: how many units the warehouse holds.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock")]
pub struct Model {
    /// The products service's product number (`Product.id`); not generated here.
    #[sea_orm(primary_key, auto_increment = false)]
    pub product_id: i64,
    pub quantity: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
