//! `Review` (owned here) and reviews' contributions to `Product` (owned by products) and `User`
//! (owned by users). A review links to its product and author and both list their reviews, so
//! the three object types name each other and live together.

use async_graphql::{Context, ID, Interface, Object, Result};
use chrono::{DateTime, Utc};

use super::{
    args::first_or,
    loaders::{Loaders, flatten},
};
use crate::entity::review;

/// Anything with a global id; every subgraph declares it for the supergraph's `Node`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Review(Review),
}

/// A user's rating and opinion of a product.
pub struct Review(pub review::Model);

#[Object]
impl Review {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    /// 1 (worst) to 5 (best).
    async fn rating(&self) -> i32 {
        self.0.rating
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// The author, with the username stored alongside the review so the router need not ask
    /// users for it.
    #[graphql(provides = "username")]
    async fn author(&self) -> User {
        User::with_username(self.0.user_id, self.0.author_username.clone())
    }

    async fn product(&self) -> Product {
        Product {
            id: self.0.product_id,
        }
    }
}

// reviews' contribution to `Product`.

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

// reviews' contribution to `User`.

pub struct User {
    pub id: i64,
    /// Known when reached through `Review.author` (stored with the review).
    pub username: Option<String>,
}

impl User {
    pub fn reference(id: i64) -> User {
        User { id, username: None }
    }

    pub fn with_username(id: i64, username: String) -> User {
        User {
            id,
            username: Some(username),
        }
    }
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    // Owned by users; reviews only provides it on `Review.author`.
    #[graphql(external)]
    async fn username(&self) -> Result<&str> {
        self.username.as_deref().ok_or_else(|| {
            subgraph_kit::errors::bad_input(format!(
                "user {}: `username` belongs to the users service; reviews only knows it \
                 through `Review.author`",
                self.id
            ))
        })
    }

    /// This user's reviews, newest first.
    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Result<Vec<Review>> {
        let first = first_or(first, 10)?;
        let rows = flatten(
            ctx.data::<Loaders>()?
                .user_reviews
                .try_load((self.id, first))
                .await,
        )?;
        Ok(rows.into_iter().map(Review).collect())
    }
}
