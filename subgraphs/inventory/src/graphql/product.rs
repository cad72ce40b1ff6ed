//! inventory's view of `Product`: stock and shipping, keyed by the products service's id.

use async_graphql::{ID, Interface, Object, Result};
use subgraph_kit::errors::bad_input;

use crate::service::shipping;

/// Anything with a global id; every subgraph declares it for the supergraph's `Node`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Product(Product),
}

pub struct Product {
    pub id: i64,
    pub quantity: i32,
    /// From the entity representation (`@requires`); absent when not fetched through it.
    pub price: Option<i32>,
    pub weight: Option<f64>,
}

impl Product {
    pub fn stocked(id: i64, quantity: i32) -> Product {
        Product {
            id,
            quantity,
            price: None,
            weight: None,
        }
    }

    fn required<T: Copy>(&self, value: Option<T>, name: &str) -> Result<T> {
        value.ok_or_else(|| {
            bad_input(format!(
                "product {}: `{name}` is needed for `shippingEstimate` and must be sent in the \
                 entity representation (`@requires(fields: \"price weight\")`); \
                 inventory does not own it",
                self.id
            ))
        })
    }
}

#[Object]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    // Owned by products; here only as the input of shippingEstimate.
    #[graphql(external)]
    async fn price(&self) -> Result<i32> {
        self.required(self.price, "price")
    }

    #[graphql(external)]
    async fn weight(&self) -> Result<f64> {
        self.required(self.weight, "weight")
    }

    /// Whether at least one unit can be ordered now. Inventory took this field over from
    /// products (`@override`) because stock levels live here; products could only guess.
    #[graphql(override_from = "products")]
    async fn in_stock(&self) -> bool {
        self.quantity > 0
    }

    /// Units in the warehouse right now.
    async fn quantity_available(&self) -> i32 {
        self.quantity
    }

    /// Shipping cost in cents for one unit: free from a price of 100.00 (10000 cents),
    /// otherwise 4.99 plus 1.20 per kilogram (rounded up to the cent).
    #[graphql(requires = "price weight")]
    async fn shipping_estimate(&self) -> Result<i32> {
        let price = self.required(self.price, "price")?;
        let weight = self.required(self.weight, "weight")?;
        shipping::estimate(price, weight)
            .map_err(|err| bad_input(format!("product {}: {err}", self.id)))
    }
}
