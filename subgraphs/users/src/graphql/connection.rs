use async_graphql::{Context, Object, SimpleObject};
use sea_orm::DatabaseConnection;
use subgraph_kit::{
    errors::internal,
    pagination::{PageInfo, PageRequest, encode_cursor},
};

use super::User;
use crate::{entity::user, service};

/// A page of users in id order.
pub struct UserConnection {
    rows: Vec<user::Model>,
    has_next_page: bool,
}

impl UserConnection {
    /// Reads one page (a single statement; `totalCount` costs one more, only when asked for).
    pub async fn load(db: &DatabaseConnection, page: PageRequest) -> async_graphql::Result<Self> {
        let mut rows = service::users::page(db, page.after, page.fetch_limit())
            .await
            .map_err(internal)?;
        let has_next_page = page.trim(&mut rows);
        Ok(UserConnection {
            rows,
            has_next_page,
        })
    }
}

/// One user in a page, with the cursor to continue after it.
#[derive(SimpleObject)]
pub struct UserEdge {
    pub cursor: String,
    pub node: User,
}

#[Object]
impl UserConnection {
    async fn edges(&self) -> Vec<UserEdge> {
        self.rows
            .iter()
            .map(|row| UserEdge {
                cursor: encode_cursor(row.id),
                node: User(row.clone()),
            })
            .collect()
    }

    async fn nodes(&self) -> Vec<User> {
        self.rows.iter().cloned().map(User).collect()
    }

    async fn page_info(&self) -> PageInfo {
        PageInfo::new(self.has_next_page, self.rows.last().map(|row| row.id))
    }

    /// How many users exist in all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let db = ctx.data::<DatabaseConnection>()?;
        let count = service::users::count(db).await.map_err(internal)?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}
