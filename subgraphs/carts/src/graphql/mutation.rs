//! Cart mutations for the signed-in user (`x-user-id`, else UNAUTHENTICATED).

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, SubsecRound, Utc};
use subgraph_kit::auth::current_user;

use super::{
    errors::service_error,
    ids::parse_id,
    loaders::Loaders,
    types::{Cart, Order},
};
use crate::service::{carts, checkout};

pub struct Mutation;

#[Object]
impl Mutation {
    /// Adds `quantity` (1..=99) of a product to the cart; a line holds at most 999.
    async fn add_to_cart(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        quantity: i32,
    ) -> async_graphql::Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let product_id = parse_id("productId", &product_id)?;
        let db = &ctx.data::<Loaders>()?.db;
        Ok(Cart(
            carts::add_to_cart(db, user_id, product_id, quantity, now())
                .await
                .map_err(service_error)?,
        ))
    }

    /// Sets the quantity (0..=999) of a product already in the cart; 0 removes it.
    async fn update_cart_item(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        quantity: i32,
    ) -> async_graphql::Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let product_id = parse_id("productId", &product_id)?;
        let db = &ctx.data::<Loaders>()?.db;
        Ok(Cart(
            carts::update_cart_item(db, user_id, product_id, quantity, now())
                .await
                .map_err(service_error)?,
        ))
    }

    /// Removes a product from the cart.
    async fn remove_from_cart(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
    ) -> async_graphql::Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let product_id = parse_id("productId", &product_id)?;
        let db = &ctx.data::<Loaders>()?.db;
        Ok(Cart(
            carts::remove_from_cart(db, user_id, product_id, now())
                .await
                .map_err(service_error)?,
        ))
    }

    /// Empties the cart.
    async fn clear_cart(&self, ctx: &Context<'_>) -> async_graphql::Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let db = &ctx.data::<Loaders>()?.db;
        Ok(Cart(
            carts::clear_cart(db, user_id, now())
                .await
                .map_err(service_error)?,
        ))
    }

    /// Turns the cart into a PLACED order and empties it; an empty cart is BAD_USER_INPUT.
    async fn checkout(&self, ctx: &Context<'_>) -> async_graphql::Result<Order> {
        let user_id = current_user(ctx).require()?;
        let db = &ctx.data::<Loaders>()?.db;
        Ok(Order(
            checkout::checkout(db, user_id, now())
                .await
                .map_err(service_error)?,
        ))
    }
}

/// Microseconds: what PostgreSQL keeps, so both databases store and sort the same instant.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
