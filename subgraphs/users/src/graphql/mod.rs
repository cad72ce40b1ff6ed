//! The GraphQL schema: types, resolvers and the per-request dataloaders.

mod connection;
pub mod loaders;
mod node;
mod query;
mod user;

pub use connection::{UserConnection, UserEdge};
pub use node::Node;
pub use query::Query;
pub use user::User;
