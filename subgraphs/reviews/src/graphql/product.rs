//! reviews' contribution to `Product` (owned by products).

use async_graphql::{Context, ID, Object, Result};

use super::{
    Review, first_or,
    loaders::{Loaders, flatten},
};

pub struct Product {
    pub id: i64,
}

#[Object]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// This product's reviews, newest first.
    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Result<Vec<Review>> {
        let first = first_or(first, 10)?;
        let rows = flatten(
            ctx.data::<Loaders>()?
                .product_reviews
                .try_load((self.id, first))
                .await,
        )?;
        Ok(rows.into_iter().map(Review).collect())
    }

    /// Mean rating over all reviews; null when there are none.
    async fn average_rating(&self, ctx: &Context<'_>) -> Result<Option<f64>> {
        let stats = flatten(ctx.data::<Loaders>()?.rating_stats.try_load(self.id).await)?;
        Ok(stats.average())
    }

    /// Number of reviews.
    async fn review_count(&self, ctx: &Context<'_>) -> Result<i32> {
        let stats = flatten(ctx.data::<Loaders>()?.rating_stats.try_load(self.id).await)?;
        Ok(i32::try_from(stats.count).unwrap_or(i32::MAX))
    }
}
