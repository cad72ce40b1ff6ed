//! sea-orm entities.

pub mod review;
