//! `Review`, owned here.

use async_graphql::{ID, Interface, Object};
use chrono::{DateTime, Utc};

use super::{Product, User};
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
