//! A product in the catalogue.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    /// The product number other services refer to (`Product.id`), assigned by the seed.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    /// `SKU-` and the id on six digits: the second key other services may use.
    #[sea_orm(unique)]
    pub sku: String,
    pub name: String,
    pub description: String,
    pub price_cents: i32,
    pub weight_kg: f64,
    pub category: Category,
    pub width_cm: f64,
    pub height_cm: f64,
    pub depth_cm: f64,
    /// The stored stock flag from before inventory took `Product.inStock` over.
    pub in_stock: bool,
    /// Seeded popularity score; higher sells better (`topProducts`).
    pub popularity: i32,
}

/// Catalogue sections, stored by name so the column reads well in either database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Category {
    #[sea_orm(string_value = "BOOKS")]
    Books,
    #[sea_orm(string_value = "ELECTRONICS")]
    Electronics,
    #[sea_orm(string_value = "HOME")]
    Home,
    #[sea_orm(string_value = "GARDEN")]
    Garden,
    #[sea_orm(string_value = "TOYS")]
    Toys,
    #[sea_orm(string_value = "SPORTS")]
    Sports,
    #[sea_orm(string_value = "CLOTHING")]
    Clothing,
    #[sea_orm(string_value = "GROCERY")]
    Grocery,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Books,
        Category::Electronics,
        Category::Home,
        Category::Garden,
        Category::Toys,
        Category::Sports,
        Category::Clothing,
        Category::Grocery,
    ];

    /// The name clients see (and the stored value).
    pub fn name(self) -> &'static str {
        match self {
            Category::Books => "BOOKS",
            Category::Electronics => "ELECTRONICS",
            Category::Home => "HOME",
            Category::Garden => "GARDEN",
            Category::Toys => "TOYS",
            Category::Sports => "SPORTS",
            Category::Clothing => "CLOTHING",
            Category::Grocery => "GROCERY",
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
