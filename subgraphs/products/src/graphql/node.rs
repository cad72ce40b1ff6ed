use async_graphql::{ID, Interface};

use super::Product;

/// An object with a globally meaningful id; every subgraph declares it for its entities.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Product(Product),
}
