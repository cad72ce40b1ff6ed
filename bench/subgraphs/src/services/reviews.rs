//! reviews: owns `Review`, adds `User.reviews` and `Product.reviews`, and serves the author's
//! `username` itself along `Review.author` (`@provides(fields: "username")`).

use async_graphql::{EmptyMutation, EmptySubscription, ID, Object, Result, Schema};

use super::{count, parse_id};
use crate::data::{self, data, username};

pub type ReviewsSchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub fn schema() -> ReviewsSchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish()
}

fn reviews(ids: &[usize], first: Option<i32>) -> Vec<Review> {
    ids.iter()
        .take(count(first, 4))
        .filter_map(|id| data().review(*id))
        .map(Review)
        .collect()
}

pub struct Review(&'static data::Review);

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

    #[graphql(provides = "username")]
    async fn author(&self) -> User {
        User {
            id: self.0.author,
            provided: true,
        }
    }

    async fn product(&self) -> Product {
        Product { id: self.0.product }
    }
}

pub struct User {
    id: usize,
    /// Reached through `Review.author`, where the username is known.
    provided: bool,
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    #[graphql(external)]
    async fn username(&self) -> Result<String> {
        if self.provided {
            Ok(username(self.id))
        } else {
            Err(format!(
                "user {}: username is only provided on Review.author",
                self.id
            )
            .into())
        }
    }

    /// This user's reviews.
    async fn reviews(&self, #[graphql(default = 4)] first: Option<i32>) -> Vec<Review> {
        reviews(data().reviews_of_user(self.id), first)
    }
}

pub struct Product {
    id: usize,
}

#[Object]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// This product's reviews.
    async fn reviews(&self, #[graphql(default = 4)] first: Option<i32>) -> Vec<Review> {
        reviews(data().reviews_of_product(self.id), first)
    }
}

pub struct Query;

#[Object]
impl Query {
    async fn review(&self, id: ID) -> Result<Option<Review>> {
        Ok(data().review(parse_id("review", &id)?).map(Review))
    }

    #[graphql(entity)]
    async fn find_review_by_id(&self, id: ID) -> Result<Option<Review>> {
        Ok(data().review(parse_id("review", &id)?).map(Review))
    }

    /// Any user id resolves (unknown ones have no reviews).
    #[graphql(entity)]
    async fn find_user_by_id(&self, id: ID) -> Result<User> {
        Ok(User {
            id: parse_id("user", &id)?,
            provided: false,
        })
    }

    /// Any product id resolves (unknown ones have no reviews).
    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> Result<Product> {
        Ok(Product {
            id: parse_id("product", &id)?,
        })
    }
}
