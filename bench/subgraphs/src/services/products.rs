//! products: owns `Product` (name, price, weight).

use async_graphql::{EmptyMutation, EmptySubscription, ID, Object, Schema};

use super::{count, parse_id};
use crate::data::{self, data};

pub type ProductsSchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub fn schema() -> ProductsSchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish()
}

pub struct Product(&'static data::Product);

#[Object]
impl Product {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Price in cents.
    async fn price(&self) -> i32 {
        self.0.price
    }

    /// Shipping weight in kilograms.
    async fn weight(&self) -> f64 {
        self.0.weight
    }
}

pub struct Query;

#[Object]
impl Query {
    /// The first `first` products in id order.
    async fn products(&self, #[graphql(default = 10)] first: Option<i32>) -> Vec<Product> {
        data()
            .products
            .iter()
            .take(count(first, 10))
            .map(Product)
            .collect()
    }

    async fn product(&self, id: ID) -> async_graphql::Result<Option<Product>> {
        Ok(data().product(parse_id("product", &id)?).map(Product))
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> async_graphql::Result<Option<Product>> {
        Ok(data().product(parse_id("product", &id)?).map(Product))
    }
}
