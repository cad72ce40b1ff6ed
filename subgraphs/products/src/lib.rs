//! The products subgraph (being built).
