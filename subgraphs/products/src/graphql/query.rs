use async_graphql::{Context, ID, Object};
use sea_orm::DatabaseConnection;
use subgraph_kit::{
    errors::{bad_input, internal},
    pagination::{PageRequest, validate_first},
};

use super::{
    CategoryMatch, Product, ProductCategory, ProductConnection, SearchResult, loaders::Loaders,
    search::matching_categories,
};
use crate::service;

/// Most products `topProducts`, `searchProducts` and `search` return at once.
const MAX_LIST: i32 = 100;
/// Longest search text, in characters.
const MAX_SEARCH_TEXT: usize = 200;

pub struct Query;

#[Object]
impl Query {
    /// The product with this id; null when there is none.
    async fn product(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Product>> {
        let id = parse_id(&id).ok_or_else(|| {
            bad_input(format!(
                "`id` must be a positive integer product id, got {:?}",
                id.as_str()
            ))
        })?;
        by_id(ctx, id).await
    }

    /// The product with this SKU (`SKU-000042`); null when there is none.
    async fn product_by_sku(
        &self,
        ctx: &Context<'_>,
        sku: String,
    ) -> async_graphql::Result<Option<Product>> {
        if !is_sku(&sku) {
            return Err(bad_input(format!(
                "`sku` must look like \"SKU-000042\", got {sku:?}"
            )));
        }
        by_sku(ctx, sku).await
    }

    /// Products in id order, `first` (1..=100) at a time after the cursor `after`, optionally
    /// of one category.
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: Option<i32>,
        after: Option<String>,
        category: Option<ProductCategory>,
    ) -> async_graphql::Result<ProductConnection> {
        let page = PageRequest::new(first, after.as_deref())?;
        let db = ctx.data::<DatabaseConnection>()?;
        ProductConnection::load(db, category.map(Into::into), page).await
    }

    /// The `first` (1..=100) best-selling products.
    async fn top_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] first: Option<i32>,
    ) -> async_graphql::Result<Vec<Product>> {
        let limit = validate_first(first.unwrap_or(5), MAX_LIST)?;
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = service::products::most_popular(db, limit)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(Product).collect())
    }

    /// Products whose name or description contains `text` (1..=200 characters), ignoring
    /// case, most popular first.
    async fn search_products(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default = 20)] first: Option<i32>,
    ) -> async_graphql::Result<Vec<Product>> {
        let text = validate_search_text(&text)?;
        let limit = validate_first(first.unwrap_or(20), MAX_LIST)?;
        let db = ctx.data::<DatabaseConnection>()?;
        let rows = service::products::search(db, text, limit)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(Product).collect())
    }

    /// Categories the text names, then products matching it as in `searchProducts`; at most
    /// `first` (1..=100) results in all.
    async fn search(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default = 20)] first: Option<i32>,
    ) -> async_graphql::Result<Vec<SearchResult>> {
        let text = validate_search_text(&text)?;
        let limit = validate_first(first.unwrap_or(20), MAX_LIST)?;
        let db = ctx.data::<DatabaseConnection>()?;
        let mut categories = matching_categories(text);
        categories.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let counts = service::products::count_by_category(db, &categories)
            .await
            .map_err(internal)?;
        let mut results: Vec<SearchResult> = categories
            .iter()
            .map(|category| {
                let count = counts.get(category).copied().unwrap_or_default();
                SearchResult::CategoryMatch(CategoryMatch {
                    category: (*category).into(),
                    product_count: i32::try_from(count).unwrap_or(i32::MAX),
                })
            })
            .collect();
        let remaining = limit.saturating_sub(results.len() as u64);
        if remaining > 0 {
            let rows = service::products::search(db, text, remaining)
                .await
                .map_err(internal)?;
            results.extend(
                rows.into_iter()
                    .map(|row| SearchResult::Product(Product(row))),
            );
        }
        Ok(results)
    }

    /// Resolves `Product` representations by id for the router; an id no product has
    /// resolves to null.
    #[graphql(entity)]
    async fn find_product_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<Product>> {
        match parse_id(&id) {
            Some(id) => by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    /// Resolves `Product` representations by SKU for the router; an unknown SKU resolves to
    /// null.
    #[graphql(entity)]
    async fn find_product_by_sku(
        &self,
        ctx: &Context<'_>,
        sku: String,
    ) -> async_graphql::Result<Option<Product>> {
        if !is_sku(&sku) {
            return Ok(None);
        }
        by_sku(ctx, sku).await
    }
}

async fn by_id(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Option<Product>> {
    Ok(ctx.data::<Loaders>()?.by_id(id).await?.map(Product))
}

async fn by_sku(ctx: &Context<'_>, sku: String) -> async_graphql::Result<Option<Product>> {
    Ok(ctx.data::<Loaders>()?.by_sku(sku).await?.map(Product))
}

/// Product ids are positive decimal integers (digits only: no sign, no spaces).
fn parse_id(id: &ID) -> Option<i64> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse::<i64>().ok().filter(|id| *id > 0)
}

/// `SKU-` and at least six digits.
fn is_sku(sku: &str) -> bool {
    sku.strip_prefix("SKU-")
        .is_some_and(|digits| digits.len() >= 6 && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Search text must hold something besides spaces and be at most 200 characters.
fn validate_search_text(text: &str) -> async_graphql::Result<&str> {
    let length = text.chars().count();
    if text.trim().is_empty() || length > MAX_SEARCH_TEXT {
        return Err(bad_input(format!(
            "`text` must be 1 to {MAX_SEARCH_TEXT} characters and not blank, got {length}"
        )));
    }
    Ok(text)
}
