//! A user account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// The user number other services refer to (`User.id`), assigned by the seed, not the database.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    #[sea_orm(unique)]
    pub username: String,
    pub created_at: DateTimeUtc,
    /// Fraud-screening score (0..=100); internal, never exposed through the supergraph.
    pub risk_score: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
