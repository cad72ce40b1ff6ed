//! Executes query plans (being built).

pub mod transport;
