use async_graphql::{Context, Object, SimpleObject};
use sea_orm::DatabaseConnection;
use subgraph_kit::{
    errors::internal,
    pagination::{PageInfo, PageRequest, encode_cursor},
};

use super::Product;
use crate::{
    entity::product::{self, Category},
    service,
};

/// A page of products in id order.
pub struct ProductConnection {
    rows: Vec<product::Model>,
    has_next_page: bool,
    category: Option<Category>,
}

impl ProductConnection {
    /// Reads one page (a single statement; `totalCount` costs one more, only when asked for).
    pub async fn load(
        db: &DatabaseConnection,
        category: Option<Category>,
        page: PageRequest,
    ) -> async_graphql::Result<Self> {
        let mut rows = service::products::page(db, category, page.after, page.fetch_limit())
            .await
            .map_err(internal)?;
        let has_next_page = page.trim(&mut rows);
        Ok(ProductConnection {
            rows,
            has_next_page,
            category,
        })
    }
}

/// One product in a page, with the cursor to continue after it.
#[derive(SimpleObject)]
pub struct ProductEdge {
    pub cursor: String,
    pub node: Product,
}

#[Object]
impl ProductConnection {
    async fn edges(&self) -> Vec<ProductEdge> {
        self.rows
            .iter()
            .map(|row| ProductEdge {
                cursor: encode_cursor(row.id),
                node: Product(row.clone()),
            })
            .collect()
    }

    async fn nodes(&self) -> Vec<Product> {
        self.rows.iter().cloned().map(Product).collect()
    }

    async fn page_info(&self) -> PageInfo {
        PageInfo::new(self.has_next_page, self.rows.last().map(|row| row.id))
    }

    /// How many products match the listing's filter, in all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let db = ctx.data::<DatabaseConnection>()?;
        let count = service::products::count(db, self.category)
            .await
            .map_err(internal)?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}
