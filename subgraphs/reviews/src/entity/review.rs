//! A user's review of a product.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `Product.id` in the products service.
    pub product_id: i64,
    /// `User.id` in the users service.
    pub user_id: i64,
    /// The author's username when the review was written (see the crate docs for why it is
    /// stored here).
    pub author_username: String,
    /// 1..=5.
    pub rating: i32,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
