//! Reading root-field and field arguments the way every service does.

use async_graphql::Result;
use subgraph_kit::{
    errors::bad_input,
    pagination::{MAX_FIRST, validate_first},
};

/// `first` (null means `default`) as a row limit, or BAD_USER_INPUT outside 1..=100
/// (the kit's rule, shared with the paginated services).
pub(super) fn first_or(first: Option<i32>, default: i32) -> Result<u64> {
    validate_first(first.unwrap_or(default), MAX_FIRST)
}

/// A decimal id as used by every service, or BAD_USER_INPUT.
pub(super) fn parse_id(what: &str, id: &async_graphql::ID) -> Result<i64> {
    match id.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(bad_input(format!(
            "{what} id must be a positive integer, got {:?}",
            id.as_str()
        ))),
    }
}
