//! sea-orm entities: a cart per user with its lines, and orders with theirs.

pub mod cart;
pub mod cart_item;
pub mod order;
pub mod order_item;
mod relations;
