//! The reviews subgraph (being built).
