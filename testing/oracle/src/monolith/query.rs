//! The root query fields, each with the argument rules of the subgraph that serves it.

use async_graphql::{Context, ID, Object, Result};
use products::graphql::{CategoryMatch, ProductCategory};
use subgraph_kit::{
    auth::{CurrentUser, current_user},
    errors::{bad_input, internal, not_found},
    pagination::{MAX_FIRST, PageRequest, validate_first},
};

use super::context::Databases;
use super::entities::{
    Cart, Order, Product, ProductConnection, Review, SearchResult, User, UserConnection,
    cart_of_user, loaders,
};

/// Most products `topProducts`, `searchProducts` and `search` return (products' rule).
const MAX_LIST: i32 = 100;
/// Longest search text, in characters (products' rule).
const MAX_SEARCH_TEXT: usize = 200;

pub struct Query;

#[Object]
impl Query {
    // carts
    async fn cart(&self, ctx: &Context<'_>) -> Result<Option<Cart>> {
        let user_id = current_user(ctx).require()?;
        cart_of_user(ctx, user_id).await
    }

    async fn order(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Order>> {
        let user_id = current_user(ctx).require()?;
        let order_id = carts::graphql::ids::parse_id("id", &id)?;
        let order = loaders(ctx)?
            .carts
            .order_by_id
            .try_load(order_id)
            .await
            .map_err(internal)?
            .map_err(internal)?;
        match order {
            Some(order) if order.user_id == user_id => Ok(Some(Order(order))),
            _ => Err(not_found(format!("no order {order_id} for this user"))),
        }
    }

    // inventory
    async fn low_stock_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] threshold: Option<i32>,
        #[graphql(default = 20)] first: Option<i32>,
    ) -> Result<Vec<Product>> {
        let threshold = threshold.unwrap_or(5);
        if threshold < 0 {
            return Err(bad_input(format!(
                "`threshold` must be 0 or more, got {threshold}"
            )));
        }
        let first = validate_first(first.unwrap_or(20), MAX_FIRST)?;
        let db = &ctx.data::<Databases>()?.inventory;
        let rows = inventory::service::stock::low_stock(db, threshold, first)
            .await
            .map_err(internal)?;
        Ok(rows
            .into_iter()
            .map(|row| Product { id: row.product_id })
            .collect())
    }

    // products
    async fn product(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Product>> {
        let id = parse_digits_id(&id).ok_or_else(|| {
            bad_input(format!(
                "`id` must be a positive integer product id, got {:?}",
                id.as_str()
            ))
        })?;
        let row = loaders(ctx)?.products.by_id(id).await?;
        Ok(row.map(|row| Product { id: row.id }))
    }

    async fn product_by_sku(&self, ctx: &Context<'_>, sku: String) -> Result<Option<Product>> {
        if !is_sku(&sku) {
            return Err(bad_input(format!(
                "`sku` must look like \"SKU-000042\", got {sku:?}"
            )));
        }
        let row = loaders(ctx)?.products.by_sku(sku).await?;
        Ok(row.map(|row| Product { id: row.id }))
    }

    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: Option<i32>,
        after: Option<String>,
        category: Option<ProductCategory>,
    ) -> Result<ProductConnection> {
        let page = PageRequest::new(first, after.as_deref())?;
        let db = &ctx.data::<Databases>()?.products;
        let category = category.map(Into::into);
        let mut rows =
            products::service::products::page(db, category, page.after, page.fetch_limit())
                .await
                .map_err(internal)?;
        let has_next_page = page.trim(&mut rows);
        Ok(ProductConnection {
            rows,
            has_next_page,
            category,
        })
    }

    async fn top_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] first: Option<i32>,
    ) -> Result<Vec<Product>> {
        let limit = validate_first(first.unwrap_or(5), MAX_LIST)?;
        let db = &ctx.data::<Databases>()?.products;
        let rows = products::service::products::most_popular(db, limit)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(|row| Product { id: row.id }).collect())
    }

    async fn search_products(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default = 20)] first: Option<i32>,
    ) -> Result<Vec<Product>> {
        let text = validate_search_text(&text)?;
        let limit = validate_first(first.unwrap_or(20), MAX_LIST)?;
        let db = &ctx.data::<Databases>()?.products;
        let rows = products::service::products::search(db, text, limit)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(|row| Product { id: row.id }).collect())
    }

    async fn search(
        &self,
        ctx: &Context<'_>,
        text: String,
        #[graphql(default = 20)] first: Option<i32>,
    ) -> Result<Vec<SearchResult>> {
        let text = validate_search_text(&text)?;
        let limit = validate_first(first.unwrap_or(20), MAX_LIST)?;
        let db = &ctx.data::<Databases>()?.products;
        let mut categories = products::graphql::matching_categories(text);
        categories.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        let counts = products::service::products::count_by_category(db, &categories)
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
            let rows = products::service::products::search(db, text, remaining)
                .await
                .map_err(internal)?;
            results.extend(
                rows.into_iter()
                    .map(|row| SearchResult::Product(Product { id: row.id })),
            );
        }
        Ok(results)
    }

    // reviews
    async fn review(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Review>> {
        let id = match id.parse::<i64>() {
            Ok(n) if n > 0 => n,
            _ => {
                return Err(bad_input(format!(
                    "review id must be a positive integer, got {:?}",
                    id.as_str()
                )));
            }
        };
        let row =
            reviews::graphql::loaders::flatten(loaders(ctx)?.reviews.review.try_load(id).await)?;
        Ok(row.map(Review))
    }

    async fn latest_reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Result<Vec<Review>> {
        let first = validate_first(first.unwrap_or(10), MAX_FIRST)?;
        let db = &ctx.data::<Databases>()?.reviews;
        let rows = reviews::service::reviews::latest(db, first)
            .await
            .map_err(internal)?;
        Ok(rows.into_iter().map(Review).collect())
    }

    // users
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let id = match current_user(ctx) {
            CurrentUser::Anonymous => return Ok(None),
            other => other.require()?,
        };
        load_user(ctx, id).await
    }

    async fn user(&self, ctx: &Context<'_>, id: ID) -> Result<Option<User>> {
        let id = parse_digits_id(&id).ok_or_else(|| {
            bad_input(format!(
                "`id` must be a positive integer user id, got {:?}",
                id.as_str()
            ))
        })?;
        load_user(ctx, id).await
    }

    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: Option<i32>,
        after: Option<String>,
    ) -> Result<UserConnection> {
        let page = PageRequest::new(first, after.as_deref())?;
        let db = &ctx.data::<Databases>()?.users;
        let mut rows = users::service::users::page(db, page.after, page.fetch_limit())
            .await
            .map_err(internal)?;
        let has_next_page = page.trim(&mut rows);
        Ok(UserConnection {
            rows,
            has_next_page,
        })
    }
}

async fn load_user(ctx: &Context<'_>, id: i64) -> Result<Option<User>> {
    let row = loaders(ctx)?.users.user(id).await?;
    Ok(row.map(|row| User::reference(row.id)))
}

/// users' and products' ids: positive decimal integers, digits only.
fn parse_digits_id(id: &ID) -> Option<i64> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse::<i64>().ok().filter(|id| *id > 0)
}

/// `SKU-` and at least six digits (products' rule).
fn is_sku(sku: &str) -> bool {
    sku.strip_prefix("SKU-")
        .is_some_and(|digits| digits.len() >= 6 && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Search text holds something besides spaces and is at most 200 characters (products' rule).
fn validate_search_text(text: &str) -> Result<&str> {
    let length = text.chars().count();
    if text.trim().is_empty() || length > MAX_SEARCH_TEXT {
        return Err(bad_input(format!(
            "`text` must be 1 to {MAX_SEARCH_TEXT} characters and not blank, got {length}"
        )));
    }
    Ok(text)
}
