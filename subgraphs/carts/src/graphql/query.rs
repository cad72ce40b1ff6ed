//! Root queries and the federation entity resolvers.

use async_graphql::{Context, ID, Object};
use subgraph_kit::{auth::current_user, errors::not_found};

use super::{
    errors::{load_failed, load_missing},
    ids::parse_id,
    loaders::Loaders,
    types::{Cart, Order, User, cart_of_user},
};

pub struct Query;

#[Object]
impl Query {
    /// The signed-in user's cart; null until their first cart mutation. Needs `x-user-id`.
    async fn cart(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Cart>> {
        let user_id = current_user(ctx).require()?;
        cart_of_user(ctx, user_id).await
    }

    /// One of the signed-in user's orders; another user's order is NOT_FOUND, like a missing one.
    async fn order(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Order>> {
        let user_id = current_user(ctx).require()?;
        let order_id = parse_id("id", &id)?;
        match load_order(ctx, order_id).await? {
            Some(order) if order.0.user_id == user_id => Ok(Some(order)),
            _ => Err(not_found(format!("no order {order_id} for this user"))),
        }
    }

    #[graphql(entity)]
    async fn find_cart_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<Cart>> {
        let cart_id = parse_id("id", &id)?;
        let loaders = ctx.data::<Loaders>()?;
        let cart = loaders
            .cart_by_id
            .try_load(cart_id)
            .await
            .map_err(load_missing)?
            .map_err(load_failed)?;
        Ok(cart.map(Cart))
    }

    #[graphql(entity)]
    async fn find_order_by_id(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<Order>> {
        load_order(ctx, parse_id("id", &id)?).await
    }

    /// Any positive id is a user as far as this service knows: users owns the accounts.
    #[graphql(entity)]
    async fn find_user_by_id(&self, id: ID) -> async_graphql::Result<User> {
        Ok(User {
            id: parse_id("id", &id)?,
        })
    }
}

async fn load_order(ctx: &Context<'_>, order_id: i64) -> async_graphql::Result<Option<Order>> {
    let loaders = ctx.data::<Loaders>()?;
    let order = loaders
        .order_by_id
        .try_load(order_id)
        .await
        .map_err(load_missing)?
        .map_err(load_failed)?;
    Ok(order.map(Order))
}
