//! Plain async functions over a connection: the only place that talks SQL.

pub mod new_review;
pub mod reviews;
