//! The GraphQL surface: types, queries, mutations and the per-request dataloaders.

pub mod errors;
pub mod ids;
pub mod loaders;
pub mod mutation;
pub mod query;
pub mod types;

pub use loaders::Loaders;
pub use mutation::Mutation;
pub use query::Query;
