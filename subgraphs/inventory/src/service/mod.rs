//! Plain async functions over a connection: the only place that talks SQL.

pub mod shipping;
pub mod stock;
