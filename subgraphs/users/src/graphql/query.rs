use async_graphql::{Context, ID, Object};
use sea_orm::DatabaseConnection;
use subgraph_kit::{
    auth::{CurrentUser, current_user},
    errors::bad_input,
    pagination::PageRequest,
};

use super::{User, UserConnection, loaders::Loaders};

pub struct Query;

#[Object]
impl Query {
    /// The signed-in user named by the `x-user-id` header; null when anonymous or unknown.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        let id = match current_user(ctx) {
            CurrentUser::Anonymous => return Ok(None),
            other => other.require()?,
        };
        load_user(ctx, id).await
    }

    /// The user with this id; null when there is none.
    async fn user(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<User>> {
        let id = parse_id(&id).ok_or_else(|| {
            bad_input(format!(
                "`id` must be a positive integer user id, got {:?}",
                id.as_str()
            ))
        })?;
        load_user(ctx, id).await
    }

    /// Users in id order, `first` (1..=100) at a time after the cursor `after`.
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<UserConnection> {
        let page = PageRequest::new(first, after.as_deref())?;
        UserConnection::load(ctx.data::<DatabaseConnection>()?, page).await
    }

    /// Resolves `User` representations for the router (`@key(fields: "id")`); an id no user
    /// has resolves to null.
    #[graphql(entity)]
    async fn find_user_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<User>> {
        match parse_id(&id) {
            Some(id) => load_user(ctx, id).await,
            None => Ok(None),
        }
    }
}

async fn load_user(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Option<User>> {
    Ok(ctx.data::<Loaders>()?.user(id).await?.map(User))
}

/// User ids are positive decimal integers (digits only: no sign, no spaces).
fn parse_id(id: &ID) -> Option<i64> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse::<i64>().ok().filter(|id| *id > 0)
}
