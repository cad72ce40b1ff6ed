//! reviews' contribution to `User` (owned by users).

use async_graphql::{Context, ID, Object, Result};

use super::{
    Review, first_or,
    loaders::{Loaders, flatten},
};

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
