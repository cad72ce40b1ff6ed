//! The GraphQL object types this subgraph serves.

use async_graphql::{Context, Enum, ID, Interface, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::{
    errors::{load_failed, load_missing},
    loaders::{Loaders, RecentOrdersKey},
};
use crate::entity::{cart, cart_item, order, order_item};

/// Largest `first` accepted by `User.orders`.
pub const MAX_ORDERS_PAGE: i32 = 100;
/// `first` of `User.orders` when not given.
pub const DEFAULT_ORDERS_PAGE: i32 = 10;

/// Anything with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Cart(Cart),
    Order(Order),
}

/// A product, owned by the products service; this service only stores its id.
#[derive(SimpleObject, Clone)]
#[graphql(unresolvable = "id")]
pub struct Product {
    pub id: ID,
}

impl Product {
    fn from_id(id: i64) -> Self {
        Product { id: id.into() }
    }
}

/// A user, owned by the users service; this service adds their cart and orders.
pub struct User {
    pub id: i64,
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        self.id.into()
    }

    /// The user's cart; null until their first cart mutation creates it. Once created it stays,
    /// possibly empty (after `clearCart` or `checkout`).
    async fn cart(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Cart>> {
        cart_of_user(ctx, self.id).await
    }

    /// The user's newest orders first; `first` is 1..=100. Needs the `orders:read` scope
    /// (router authorization).
    #[graphql(requires_scopes = "orders:read")]
    async fn orders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: Option<i32>,
    ) -> async_graphql::Result<Vec<Order>> {
        // An explicit `null` means the default, as if the argument were left out.
        let first = first.unwrap_or(DEFAULT_ORDERS_PAGE);
        if !(1..=MAX_ORDERS_PAGE).contains(&first) {
            return Err(subgraph_kit::errors::bad_input(format!(
                "`first` must be between 1 and {MAX_ORDERS_PAGE}, got {first}"
            )));
        }
        let loaders = ctx.data::<Loaders>()?;
        let key = RecentOrdersKey {
            user_id: self.id,
            first: first.unsigned_abs().into(),
        };
        let orders = loaders
            .orders_by_user
            .try_load(key)
            .await
            .map_err(load_missing)?
            .map_err(load_failed)?;
        Ok(orders.into_iter().map(Order).collect())
    }
}

/// The user's cart through the request's loader.
pub async fn cart_of_user(ctx: &Context<'_>, user_id: i64) -> async_graphql::Result<Option<Cart>> {
    let loaders = ctx.data::<Loaders>()?;
    let cart = loaders
        .cart_by_user
        .try_load(user_id)
        .await
        .map_err(load_missing)?
        .map_err(load_failed)?;
    Ok(cart.map(Cart))
}

/// A user's shopping cart.
pub struct Cart(pub cart::Model);

#[Object]
impl Cart {
    async fn id(&self) -> ID {
        self.0.id.into()
    }

    async fn user(&self) -> User {
        User { id: self.0.user_id }
    }

    /// The lines, in the order their products were first added.
    async fn items(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CartItem>> {
        Ok(self
            .lines(ctx)
            .await?
            .into_iter()
            .map(|line| CartItem {
                product: Product::from_id(line.product_id),
                quantity: line.quantity,
            })
            .collect())
    }

    /// The sum of the lines' quantities.
    async fn total_quantity(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        Ok(self.lines(ctx).await?.iter().map(|l| l.quantity).sum())
    }

    /// When the cart last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

impl Cart {
    async fn lines(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<cart_item::Model>> {
        let loaders = ctx.data::<Loaders>()?;
        loaders
            .cart_items
            .try_load(self.0.id)
            .await
            .map_err(load_missing)?
            .map_err(load_failed)
    }
}

#[derive(SimpleObject)]
pub struct CartItem {
    pub product: Product,
    pub quantity: i32,
}

/// A placed order.
pub struct Order(pub order::Model);

#[Object]
impl Order {
    async fn id(&self) -> ID {
        self.0.id.into()
    }

    async fn user(&self) -> User {
        User { id: self.0.user_id }
    }

    async fn items(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<OrderItem>> {
        let loaders = ctx.data::<Loaders>()?;
        let lines: Vec<order_item::Model> = loaders
            .order_items
            .try_load(self.0.id)
            .await
            .map_err(load_missing)?
            .map_err(load_failed)?;
        Ok(lines
            .into_iter()
            .map(|line| OrderItem {
                product: Product::from_id(line.product_id),
                quantity: line.quantity,
            })
            .collect())
    }

    async fn status(&self) -> OrderStatus {
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

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    Placed,
    Shipped,
    Delivered,
    Cancelled,
}

impl From<order::Status> for OrderStatus {
    fn from(status: order::Status) -> Self {
        match status {
            order::Status::Placed => OrderStatus::Placed,
            order::Status::Shipped => OrderStatus::Shipped,
            order::Status::Delivered => OrderStatus::Delivered,
            order::Status::Cancelled => OrderStatus::Cancelled,
        }
    }
}
