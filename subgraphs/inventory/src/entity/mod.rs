//! sea-orm entities.

pub mod stock;
