//! The differential oracle of the router (issue 14): what one big server would answer.
//!
//! - [`monolith`]: one async-graphql schema serving the supergraph's API schema over the five
//!   services' databases, each field resolved by its owning service's service layer;
//! - [`schema`]: the structural comparison of two SDLs (the monolith's against the router's
//!   API schema);
//! - [`generator`]: seeded, reproducible, valid operations over the API schema;
//! - [`shape`]: the monolith's answers put in the spec's shape (key order, empty objects);
//! - [`compare`]: response equality (data with key order, error paths and codes);
//! - [`stack`]: the five subgraphs on `127.0.0.1:0`, the router in front, the monolith beside;
//! - [`differential`]: the run that sends each operation to both and minimizes differences;
//! - [`budget`]: how many operations (CI's fixed budget, or the long mode's).
//!
//! See docs/oracle.md.

pub mod budget;
pub mod compare;
pub mod differential;
pub mod generator;
pub mod monolith;
pub mod schema;
pub mod shape;
pub mod stack;
