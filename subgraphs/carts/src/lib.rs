//! The carts subgraph (being built).
