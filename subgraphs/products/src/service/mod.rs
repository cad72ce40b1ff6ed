//! Plain async functions over a connection: the only place that queries the database.

pub mod products;
