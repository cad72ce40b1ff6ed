//! The inventory subgraph (being built).
