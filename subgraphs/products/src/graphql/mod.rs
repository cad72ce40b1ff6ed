//! The GraphQL schema: types, resolvers and the per-request dataloaders.

mod category;
mod connection;
pub mod loaders;
mod node;
mod product;
mod query;
mod search;

pub use category::ProductCategory;
pub use connection::{ProductConnection, ProductEdge};
pub use node::Node;
pub use product::{Dimensions, Product};
pub use query::Query;
pub use search::{CategoryMatch, SearchResult, matching_categories};
