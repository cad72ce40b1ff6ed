use async_graphql::{ID, Object};
use chrono::{DateTime, Utc};

use crate::entity::user;

/// A person with an account.
#[derive(Debug, Clone)]
pub struct User(pub user::Model);

#[Object]
impl User {
    /// The user number, `"1"`, `"2"`, … (the key other services use).
    pub async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// The sign-in address: only for requests with a verified token (router authorization).
    #[graphql(directive = subgraph_kit::sdl::federation__authenticated::apply())]
    async fn email(&self) -> &str {
        &self.0.email
    }

    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Unique handle; reviews also serves it (`@provides`) from its own copy.
    #[graphql(shareable)]
    async fn username(&self) -> &str {
        &self.0.username
    }

    /// When the account was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// Fraud-screening score (0..=100): internal to this service, hidden from supergraph
    /// clients by `@inaccessible`.
    #[graphql(inaccessible)]
    async fn risk_score(&self) -> i32 {
        self.0.risk_score
    }
}
