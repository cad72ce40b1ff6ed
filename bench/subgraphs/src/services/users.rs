//! users: owns `User`.

use async_graphql::{EmptyMutation, EmptySubscription, ID, Object, Schema};

use super::{count, parse_id};
use crate::data::{self, data};

pub type UsersSchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub fn schema() -> UsersSchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .enable_federation()
        .finish()
}

pub struct User(&'static data::User);

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Also served by reviews along `Review.author` (`@provides`).
    #[graphql(shareable)]
    async fn username(&self) -> &str {
        &self.0.username
    }
}

pub struct Query;

#[Object]
impl Query {
    /// The first `first` users in id order.
    async fn users(&self, #[graphql(default = 10)] first: Option<i32>) -> Vec<User> {
        data()
            .users
            .iter()
            .take(count(first, 10))
            .map(User)
            .collect()
    }

    async fn user(&self, id: ID) -> async_graphql::Result<Option<User>> {
        Ok(data().user(parse_id("user", &id)?).map(User))
    }

    #[graphql(entity)]
    async fn find_user_by_id(&self, id: ID) -> async_graphql::Result<Option<User>> {
        Ok(data().user(parse_id("user", &id)?).map(User))
    }
}
