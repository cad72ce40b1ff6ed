//! Root fields and the `Product` entity resolver.

use async_graphql::{Context, ID, Object, Result};
use sea_orm::DatabaseConnection;
use subgraph_kit::{
    errors::{bad_input, internal},
    pagination::{MAX_FIRST, validate_first},
};

use super::{Product, loaders::Loaders};
use crate::service;

const DEFAULT_THRESHOLD: i32 = 5;
const DEFAULT_FIRST: i32 = 20;

pub struct Query;

#[Object]
impl Query {
    /// Products with at most `threshold` units left (sold-out ones included), scarcest
    /// first, then by id.
    async fn low_stock_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] threshold: Option<i32>,
        #[graphql(default = 20)] first: Option<i32>,
    ) -> Result<Vec<Product>> {
        let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
        if threshold < 0 {
            return Err(bad_input(format!(
                "`threshold` must be 0 or more, got {threshold}"
            )));
        }
        let first = validate_first(first.unwrap_or(DEFAULT_FIRST), MAX_FIRST)?;
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = service::stock::low_stock(db, threshold, first)
            .await
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .map(|row| Product::stocked(row.product_id, row.quantity))
            .collect())
    }

    /// `Product` by id. `price` and `weight` arrive in the representation when the router
    /// resolves `shippingEstimate` (`@requires`). A product inventory does not stock
    /// resolves to null.
    #[graphql(entity)]
    async fn find_product_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(key)] id: ID,
        price: Option<i32>,
        weight: Option<f64>,
    ) -> Result<Option<Product>> {
        let product_id = parse_product_id(&id)?;
        let quantity = ctx
            .data::<Loaders>()?
            .stock
            .try_load(product_id)
            .await
            .map_err(internal)?
            .map_err(internal)?;
        Ok(quantity.map(|quantity| Product {
            id: product_id,
            quantity,
            price,
            weight,
        }))
    }
}

fn parse_product_id(id: &ID) -> Result<i64> {
    match id.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(bad_input(format!(
            "product id must be a positive integer, got {:?}",
            id.as_str()
        ))),
    }
}
