//! sea-orm entities of the users database.

pub mod user;
