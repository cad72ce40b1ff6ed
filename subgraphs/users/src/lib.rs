//! The users subgraph (being built).
