use async_graphql::{ID, Object, SimpleObject};

use super::ProductCategory;
use crate::entity::product;

/// Something the shop sells.
#[derive(Debug, Clone)]
pub struct Product(pub product::Model);

/// Outer size of a product, in centimetres.
#[derive(Debug, Clone, Copy, PartialEq, SimpleObject)]
pub struct Dimensions {
    pub width: f64,
    pub height: f64,
    pub depth: f64,
}

#[Object]
impl Product {
    /// The product number, `"1"`, `"2"`, … (the key other services use).
    pub async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// Stock-keeping unit, `SKU-` and the number on six digits (a second key).
    async fn sku(&self) -> &str {
        &self.0.sku
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    /// Price in cents.
    async fn price(&self) -> i32 {
        self.0.price_cents
    }

    /// Shipping weight in kilograms.
    async fn weight(&self) -> f64 {
        self.0.weight_kg
    }

    async fn category(&self) -> ProductCategory {
        self.0.category.into()
    }

    async fn dimensions(&self) -> Dimensions {
        Dimensions {
            width: self.0.width_cm,
            height: self.0.height_cm,
            depth: self.0.depth_cm,
        }
    }

    /// Whether the product can be ordered: products' original implementation, a stored flag.
    /// The inventory service has taken this field over (`@override(from: "products")`) and
    /// answers it from stock levels, so the router no longer asks products for it. It stays
    /// here because that is how a field moves between teams: the old resolver remains until
    /// the override has shipped everywhere; removing it is a later, separate step.
    async fn in_stock(&self) -> bool {
        self.0.in_stock
    }
}
