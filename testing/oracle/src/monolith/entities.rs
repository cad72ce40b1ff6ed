//! The API schema's object types, each field answered by the service that owns it.

use async_graphql::{Context, ID, Interface, Object, Result, SimpleObject, Union};
use chrono::{DateTime, Utc};
use products::graphql::{CategoryMatch, Dimensions, ProductCategory};
use subgraph_kit::{
    errors::{bad_input, internal},
    pagination::{MAX_FIRST, PageInfo, encode_cursor, validate_first},
};

use super::context::{Databases, Loaders, missing, unauthorized};

/// Anything with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    User(User),
    Product(Product),
    Review(Review),
    Cart(Cart),
    Order(Order),
}

/// A search hit: a product, or a whole category whose name matches the text.
#[derive(Union)]
pub enum SearchResult {
    Product(Product),
    CategoryMatch(CategoryMatch),
}

pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> Result<&'a Loaders> {
    ctx.data::<Loaders>()
}

/// `first` of the reviews lists (reviews' rule: null means the default, then 1..=100).
fn reviews_first(first: Option<i32>) -> Result<u64> {
    validate_first(first.unwrap_or(10), MAX_FIRST)
}

/// A user (owned by users; reviews adds `reviews`, carts `cart` and `orders`).
pub struct User {
    pub id: i64,
    /// What reviews provides (`@provides(fields: "username")` on `Review.author`).
    pub provided_username: Option<String>,
}

impl User {
    pub fn reference(id: i64) -> User {
        User {
            id,
            provided_username: None,
        }
    }

    async fn row(&self, ctx: &Context<'_>) -> Result<users::entity::user::Model> {
        loaders(ctx)?
            .users
            .user(self.id)
            .await?
            .ok_or_else(|| missing("user", self.id))
    }
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    /// `@authenticated`: unreadable without a verified token.
    async fn email(&self) -> Result<String> {
        Err(unauthorized())
    }

    async fn name(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.row(ctx).await?.name)
    }

    async fn username(&self, ctx: &Context<'_>) -> Result<String> {
        match &self.provided_username {
            Some(username) => Ok(username.clone()),
            None => Ok(self.row(ctx).await?.username),
        }
    }

    async fn created_at(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>> {
        Ok(self.row(ctx).await?.created_at)
    }

    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Result<Vec<Review>> {
        let first = reviews_first(first)?;
        let rows = reviews::graphql::loaders::flatten(
            loaders(ctx)?
                .reviews
                .user_reviews
                .try_load((self.id, first))
                .await,
        )?;
        Ok(rows.into_iter().map(Review).collect())
    }

    async fn cart(&self, ctx: &Context<'_>) -> Result<Option<Cart>> {
        cart_of_user(ctx, self.id).await
    }

    /// `@requiresScopes(scopes: [["orders:read"]])`: unreadable without a verified token.
    async fn orders(&self, #[graphql(default = 10)] first: Option<i32>) -> Result<Vec<Order>> {
        let _ = first;
        Err(unauthorized())
    }
}

pub(crate) async fn cart_of_user(ctx: &Context<'_>, user_id: i64) -> Result<Option<Cart>> {
    let cart = loaders(ctx)?
        .carts
        .cart_by_user
        .try_load(user_id)
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok(cart.map(Cart))
}

/// A product (owned by products; inventory adds stock and shipping, reviews its reviews).
pub struct Product {
    pub id: i64,
}

impl Product {
    async fn row(&self, ctx: &Context<'_>) -> Result<products::entity::product::Model> {
        loaders(ctx)?
            .products
            .by_id(self.id)
            .await?
            .ok_or_else(|| missing("product", self.id))
    }

    async fn quantity(&self, ctx: &Context<'_>) -> Result<i32> {
        loaders(ctx)?
            .inventory
            .stock
            .try_load(self.id)
            .await
            .map_err(internal)?
            .map_err(internal)?
            .ok_or_else(|| missing("stock of product", self.id))
    }

    async fn stats(&self, ctx: &Context<'_>) -> Result<reviews::service::reviews::RatingStats> {
        reviews::graphql::loaders::flatten(
            loaders(ctx)?.reviews.rating_stats.try_load(self.id).await,
        )
    }
}

#[Object]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.to_string())
    }

    async fn sku(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.row(ctx).await?.sku)
    }

    async fn name(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.row(ctx).await?.name)
    }

    async fn description(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.row(ctx).await?.description)
    }

    async fn price(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(self.row(ctx).await?.price_cents)
    }

    async fn weight(&self, ctx: &Context<'_>) -> Result<f64> {
        Ok(self.row(ctx).await?.weight_kg)
    }

    async fn category(&self, ctx: &Context<'_>) -> Result<ProductCategory> {
        Ok(self.row(ctx).await?.category.into())
    }

    async fn dimensions(&self, ctx: &Context<'_>) -> Result<Dimensions> {
        let row = self.row(ctx).await?;
        Ok(Dimensions {
            width: row.width_cm,
            height: row.height_cm,
            depth: row.depth_cm,
        })
    }

    /// inventory's (`@override(from: "products")`): from the stock level.
    async fn in_stock(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.quantity(ctx).await? > 0)
    }

    async fn quantity_available(&self, ctx: &Context<'_>) -> Result<i32> {
        self.quantity(ctx).await
    }

    /// inventory's formula over products' price and weight (`@requires(fields: "price weight")`).
    async fn shipping_estimate(&self, ctx: &Context<'_>) -> Result<i32> {
        let row = self.row(ctx).await?;
        inventory::service::shipping::estimate(row.price_cents, row.weight_kg)
            .map_err(|err| bad_input(format!("product {}: {err}", self.id)))
    }

    async fn reviews(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> Result<Vec<Review>> {
        let first = reviews_first(first)?;
        let rows = reviews::graphql::loaders::flatten(
            loaders(ctx)?
                .reviews
                .product_reviews
                .try_load((self.id, first))
                .await,
        )?;
        Ok(rows.into_iter().map(Review).collect())
    }

    async fn average_rating(&self, ctx: &Context<'_>) -> Result<Option<f64>> {
        Ok(self.stats(ctx).await?.average())
    }

    async fn review_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(i32::try_from(self.stats(ctx).await?.count).unwrap_or(i32::MAX))
    }
}

/// A review (owned by reviews).
pub struct Review(pub reviews::entity::review::Model);

#[Object]
impl Review {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    async fn rating(&self) -> i32 {
        self.0.rating
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn author(&self) -> User {
        User {
            id: self.0.user_id,
            provided_username: Some(self.0.author_username.clone()),
        }
    }

    async fn product(&self) -> Product {
        Product {
            id: self.0.product_id,
        }
    }
}

/// A cart (owned by carts).
pub struct Cart(pub carts::entity::cart::Model);

impl Cart {
    async fn lines(&self, ctx: &Context<'_>) -> Result<Vec<carts::entity::cart_item::Model>> {
        loaders(ctx)?
            .carts
            .cart_items
            .try_load(self.0.id)
            .await
            .map_err(internal)?
            .map_err(internal)
    }
}

#[Object]
impl Cart {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn user(&self) -> User {
        User::reference(self.0.user_id)
    }

    async fn items(&self, ctx: &Context<'_>) -> Result<Vec<CartItem>> {
        Ok(self
            .lines(ctx)
            .await?
            .into_iter()
            .map(|line| CartItem {
                product: Product {
                    id: line.product_id,
                },
                quantity: line.quantity,
            })
            .collect())
    }

    async fn total_quantity(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(self
            .lines(ctx)
            .await?
            .iter()
            .map(|line| line.quantity)
            .sum())
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

#[derive(SimpleObject)]
pub struct CartItem {
    pub product: Product,
    pub quantity: i32,
}

/// An order (owned by carts).
pub struct Order(pub carts::entity::order::Model);

#[Object]
impl Order {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn user(&self) -> User {
        User::reference(self.0.user_id)
    }

    async fn items(&self, ctx: &Context<'_>) -> Result<Vec<OrderItem>> {
        let lines = loaders(ctx)?
            .carts
            .order_items
            .try_load(self.0.id)
            .await
            .map_err(internal)?
            .map_err(internal)?;
        Ok(lines
            .into_iter()
            .map(|line| OrderItem {
                product: Product {
                    id: line.product_id,
                },
                quantity: line.quantity,
            })
            .collect())
    }

    async fn status(&self) -> carts::graphql::types::OrderStatus {
        self.0.status.into()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

#[derive(SimpleObject)]
pub struct OrderItem {
    pub product: Product,
    pub quantity: i32,
}

/// A page of users in id order.
pub struct UserConnection {
    pub rows: Vec<users::entity::user::Model>,
    pub has_next_page: bool,
}

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
                node: User::reference(row.id),
            })
            .collect()
    }

    async fn nodes(&self) -> Vec<User> {
        self.rows
            .iter()
            .map(|row| User::reference(row.id))
            .collect()
    }

    async fn page_info(&self) -> PageInfo {
        PageInfo::new(self.has_next_page, self.rows.last().map(|row| row.id))
    }

    async fn total_count(&self, ctx: &Context<'_>) -> Result<i32> {
        let db = &ctx.data::<Databases>()?.users;
        let count = users::service::users::count(db).await.map_err(internal)?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}

/// A page of products in id order.
pub struct ProductConnection {
    pub rows: Vec<products::entity::product::Model>,
    pub has_next_page: bool,
    pub category: Option<products::entity::product::Category>,
}

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
                node: Product { id: row.id },
            })
            .collect()
    }

    async fn nodes(&self) -> Vec<Product> {
        self.rows.iter().map(|row| Product { id: row.id }).collect()
    }

    async fn page_info(&self) -> PageInfo {
        PageInfo::new(self.has_next_page, self.rows.last().map(|row| row.id))
    }

    async fn total_count(&self, ctx: &Context<'_>) -> Result<i32> {
        let db = &ctx.data::<Databases>()?.products;
        let count = products::service::products::count(db, self.category)
            .await
            .map_err(internal)?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}
