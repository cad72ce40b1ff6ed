//! inventory: stock and shipping for `Product`; `shippingEstimate` needs the price and weight
//! products owns (`@requires(fields: "price weight")`).

use async_graphql::{EmptyMutation, EmptySubscription, ID, Object, Result, Schema};

use super::{count, parse_id};
use crate::data::{data, shipping_estimate};

pub type InventorySchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub fn schema() -> InventorySchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish()
}

pub struct Product {
    id: usize,
    quantity: i32,
    /// From the entity representation (`@requires`); absent otherwise.
    price: Option<i32>,
    weight: Option<f64>,
}

impl Product {
    fn required<T: Copy>(&self, value: Option<T>, name: &str) -> Result<T> {
        value.ok_or_else(|| {
            format!(
                "product {}: `{name}` must be sent in the representation (@requires)",
                self.id
            )
            .into()
        })
    }
}

#[Object]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    #[graphql(external)]
    async fn price(&self) -> Result<i32> {
        self.required(self.price, "price")
    }

    #[graphql(external)]
    async fn weight(&self) -> Result<f64> {
        self.required(self.weight, "weight")
    }

    async fn in_stock(&self) -> bool {
        self.quantity > 0
    }

    async fn quantity_available(&self) -> i32 {
        self.quantity
    }

    /// Shipping cost in cents for one unit.
    #[graphql(requires = "price weight")]
    async fn shipping_estimate(&self) -> Result<i32> {
        Ok(shipping_estimate(
            self.required(self.price, "price")?,
            self.required(self.weight, "weight")?,
        ))
    }
}

pub struct Query;

#[Object]
impl Query {
    /// Products with at most `threshold` units left, in id order.
    async fn low_stock_products(
        &self,
        #[graphql(default = 5)] threshold: Option<i32>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Vec<Product> {
        let threshold = threshold.unwrap_or(5);
        data()
            .products
            .iter()
            .filter(|p| p.quantity <= threshold)
            .take(count(first, 10))
            .map(|p| Product {
                id: p.id,
                quantity: p.quantity,
                price: None,
                weight: None,
            })
            .collect()
    }

    #[graphql(entity)]
    async fn find_product_by_id(
        &self,
        #[graphql(key)] id: ID,
        price: Option<i32>,
        weight: Option<f64>,
    ) -> Result<Option<Product>> {
        Ok(data().product(parse_id("product", &id)?).map(|p| Product {
            id: p.id,
            quantity: p.quantity,
            price,
            weight,
        }))
    }
}
