//! Forward cursor pagination shared by every connection field: the `first`/`after` arguments,
//! opaque cursors, and the `PageInfo` type.
//!
//! `PageInfo` lives here (not in each service) because several subgraphs return it: a value
//! type served by more than one subgraph must be declared identically and `@shareable` in
//! each of them, and one definition makes that automatic.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::errors::bad_input;

/// `first` when the client gives none.
pub const DEFAULT_FIRST: i32 = 20;
/// The largest page a client may ask for.
pub const MAX_FIRST: i32 = 100;

// A prefix inside the encoding so that a plain number (or another API's cursor) is rejected
// instead of being silently accepted as a position.
const CURSOR_PREFIX: &str = "cursor:v1:";

/// Where a page starts and how many rows it holds, validated from `first` and `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Rows to return (1..=[`MAX_FIRST`]).
    pub limit: u64,
    /// Return rows whose key is strictly greater than this one.
    pub after: Option<i64>,
}

impl PageRequest {
    /// Validates the connection arguments; `BAD_USER_INPUT` errors say which one is wrong.
    pub fn new(first: Option<i32>, after: Option<&str>) -> async_graphql::Result<PageRequest> {
        let limit = validate_first(first.unwrap_or(DEFAULT_FIRST), MAX_FIRST)?;
        let after = after.map(decode_cursor).transpose()?;
        Ok(PageRequest { limit, after })
    }

    /// Rows to fetch: one more than the page so `hasNextPage` needs no second query.
    pub fn fetch_limit(&self) -> u64 {
        self.limit + 1
    }

    /// Trims the extra row fetched by [`PageRequest::fetch_limit`]; returns `hasNextPage`.
    pub fn trim<T>(&self, rows: &mut Vec<T>) -> bool {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let has_next = rows.len() > limit;
        rows.truncate(limit);
        has_next
    }
}

/// `first` must be in `1..=max`.
pub fn validate_first(first: i32, max: i32) -> async_graphql::Result<u64> {
    if (1..=max).contains(&first) {
        Ok(u64::try_from(first).unwrap_or(1))
    } else {
        Err(bad_input(format!(
            "`first` must be between 1 and {max}, got {first}"
        )))
    }
}

/// The opaque cursor for a row key.
pub fn encode_cursor(key: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{key}"))
}

/// The row key inside a cursor made by [`encode_cursor`]; `BAD_USER_INPUT` otherwise.
pub fn decode_cursor(cursor: &str) -> async_graphql::Result<i64> {
    let invalid = || bad_input(format!("`after` is not a valid cursor: {cursor:?}"));
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor.trim())
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    text.strip_prefix(CURSOR_PREFIX)
        .and_then(|key| key.parse::<i64>().ok())
        .ok_or_else(invalid)
}

/// Where a page of a connection ends.
#[derive(Debug, Clone, PartialEq, Eq, async_graphql::SimpleObject)]
#[graphql(shareable)]
pub struct PageInfo {
    /// Whether more items follow this page.
    pub has_next_page: bool,
    /// The cursor of the page's last item, to pass as `after` for the next page; null when the page is empty.
    pub end_cursor: Option<String>,
}

impl PageInfo {
    /// The page info for a page whose last row has key `last` (None when the page is empty).
    pub fn new(has_next_page: bool, last: Option<i64>) -> PageInfo {
        PageInfo {
            has_next_page,
            end_cursor: last.map(encode_cursor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        for key in [0, 1, 42, i64::MAX] {
            assert_eq!(decode_cursor(&encode_cursor(key)).unwrap(), key);
        }
        for bad in ["", "42", "!!!", &URL_SAFE_NO_PAD.encode("cursor:v1:abc")] {
            assert!(decode_cursor(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn first_must_be_in_range() {
        assert_eq!(PageRequest::new(None, None).unwrap().limit, 20);
        assert_eq!(PageRequest::new(Some(100), None).unwrap().limit, 100);
        for bad in [0, -1, 101] {
            let err = PageRequest::new(Some(bad), None).unwrap_err();
            assert!(err.message.contains("`first`"), "{}", err.message);
        }
    }

    #[test]
    fn trim_reports_whether_more_rows_follow() {
        let page = PageRequest::new(Some(2), None).unwrap();
        let mut rows = vec![1, 2, 3];
        assert!(page.trim(&mut rows));
        assert_eq!(rows, [1, 2]);
        let mut rows = vec![1, 2];
        assert!(!page.trim(&mut rows));
    }
}
