//! The four bench subgraphs, one module each, shaped like the domain services (same keys,
//! `@requires` and `@provides`) but answering from [`crate::data`].

pub mod inventory;
pub mod products;
pub mod reviews;
pub mod users;

use async_graphql::{ID, SDLExportOptions};

/// Clamp for `first` arguments, so no request can ask for unbounded lists.
const MAX_FIRST: i32 = 100;

pub(crate) fn parse_id(kind: &str, id: &ID) -> async_graphql::Result<usize> {
    match id.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{kind} id must be a positive integer, got {:?}",
            id.as_str()
        )
        .into()),
    }
}

pub(crate) fn count(first: Option<i32>, default: i32) -> usize {
    first.unwrap_or(default).clamp(0, MAX_FIRST) as usize
}

/// The SDL options `_service { sdl }` uses, so printed and served SDL agree.
pub(crate) fn sdl_options() -> SDLExportOptions {
    SDLExportOptions::new().federation().compose_directive()
}
