//! Writing reviews.

use async_graphql::{Context, ID, Object, Result};
use sea_orm::DatabaseConnection;
use subgraph_kit::{
    auth::current_user,
    errors::{bad_input, internal},
};

use super::objects::Review;
use crate::service::{self, new_review::NewReview};

pub struct Mutation;

#[Object]
impl Mutation {
    /// Reviews a product as the signed-in user (`x-user-id`). `rating` is 1..=5; `body` is
    /// trimmed and must then hold 1..=2000 characters.
    async fn add_review(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        rating: i32,
        body: String,
    ) -> Result<Review> {
        let user_id = current_user(ctx).require()?;
        let new = NewReview::validate(user_id, &product_id, rating, &body, chrono::Utc::now())
            .map_err(|err| bad_input(err.to_string()))?;
        let db = ctx.data::<DatabaseConnection>()?;
        let stored = service::reviews::insert(db, new).await.map_err(internal)?;
        Ok(Review(stored))
    }
}
