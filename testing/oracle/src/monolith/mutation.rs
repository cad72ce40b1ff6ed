//! The mutations, as carts and reviews serve them (the generator sends none: they would change
//! the databases the router and the monolith share).

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, SubsecRound, Utc};
use subgraph_kit::{
    auth::current_user,
    errors::{bad_input, internal},
};

use super::context::Databases;
use super::entities::{Cart, Order, Review};
use carts::graphql::{errors::service_error, ids::parse_id};
use carts::service::{carts as cart_service, checkout};

pub struct Mutation;

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[Object]
impl Mutation {
    async fn add_to_cart(&self, ctx: &Context<'_>, product_id: ID, quantity: i32) -> Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let product_id = parse_id("productId", &product_id)?;
        let db = &ctx.data::<Databases>()?.carts;
        let cart = cart_service::add_to_cart(db, user_id, product_id, quantity, now())
            .await
            .map_err(service_error)?;
        Ok(Cart(cart))
    }

    async fn update_cart_item(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        quantity: i32,
    ) -> Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let product_id = parse_id("productId", &product_id)?;
        let db = &ctx.data::<Databases>()?.carts;
        let cart = cart_service::update_cart_item(db, user_id, product_id, quantity, now())
            .await
            .map_err(service_error)?;
        Ok(Cart(cart))
    }

    async fn remove_from_cart(&self, ctx: &Context<'_>, product_id: ID) -> Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let product_id = parse_id("productId", &product_id)?;
        let db = &ctx.data::<Databases>()?.carts;
        let cart = cart_service::remove_from_cart(db, user_id, product_id, now())
            .await
            .map_err(service_error)?;
        Ok(Cart(cart))
    }

    async fn clear_cart(&self, ctx: &Context<'_>) -> Result<Cart> {
        let user_id = current_user(ctx).require()?;
        let db = &ctx.data::<Databases>()?.carts;
        let cart = cart_service::clear_cart(db, user_id, now())
            .await
            .map_err(service_error)?;
        Ok(Cart(cart))
    }

    async fn checkout(&self, ctx: &Context<'_>) -> Result<Order> {
        let user_id = current_user(ctx).require()?;
        let db = &ctx.data::<Databases>()?.carts;
        let order = checkout::checkout(db, user_id, now())
            .await
            .map_err(service_error)?;
        Ok(Order(order))
    }

    async fn add_review(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        rating: i32,
        body: String,
    ) -> Result<Review> {
        let user_id = current_user(ctx).require()?;
        let new = reviews::service::new_review::NewReview::validate(
            user_id,
            &product_id,
            rating,
            &body,
            Utc::now(),
        )
        .map_err(|err| bad_input(err.to_string()))?;
        let db = &ctx.data::<Databases>()?.reviews;
        let stored = reviews::service::reviews::insert(db, new)
            .await
            .map_err(internal)?;
        Ok(Review(stored))
    }
}
