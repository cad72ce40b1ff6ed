//! Root fields and the entity resolvers for every key.

use async_graphql::{Context, ID, Object, Result};
use sea_orm::DatabaseConnection;
use subgraph_kit::errors::internal;

use super::{
    args::{first_or, parse_id},
    loaders::{Loaders, flatten},
    objects::{Product, Review, User},
};
use crate::service;

pub struct Query;

#[Object]
impl Query {
    /// A review by id; null when there is none.
    async fn review(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Review>> {
        load_review(ctx, &id).await
    }

    /// The newest reviews across all products.
    async fn latest_reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Result<Vec<Review>> {
        let first = first_or(first, 10)?;
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = service::reviews::latest(db, first)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(Review).collect())
    }

    #[graphql(entity)]
    async fn find_review_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Review>> {
        load_review(ctx, &id).await
    }

    /// Any user id resolves (a user without reviews has an empty list).
    #[graphql(entity)]
    async fn find_user_by_id(&self, id: ID) -> Result<User> {
        Ok(User::reference(parse_id("user", &id)?))
    }

    /// Any product id resolves (no reviews: empty list, null average, count 0).
    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> Result<Product> {
        Ok(Product {
            id: parse_id("product", &id)?,
        })
    }
}

async fn load_review(ctx: &Context<'_>, id: &ID) -> Result<Option<Review>> {
    let id = parse_id("review", id)?;
    let row = flatten(ctx.data::<Loaders>()?.review.try_load(id).await)?;
    Ok(row.map(Review))
}
