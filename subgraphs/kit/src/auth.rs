//! The signed-in user, as named by the `x-user-id` header the router forwards.

use crate::errors::ErrorCode;

/// Header carrying the signed-in user's id.
pub const USER_ID_HEADER: &str = "x-user-id";

/// Per-request identity, put into the GraphQL request data by [`crate::http`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrentUser {
    Anonymous,
    User(i64),
    /// The header was present but not a positive integer id.
    Invalid(String),
}

impl CurrentUser {
    pub fn from_header(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            None | Some("") => CurrentUser::Anonymous,
            Some(raw) => match raw.parse::<i64>() {
                Ok(id) if id > 0 => CurrentUser::User(id),
                _ => CurrentUser::Invalid(raw.to_owned()),
            },
        }
    }

    /// The user id, or an `UNAUTHENTICATED` error saying what is wrong with the header.
    pub fn require(&self) -> async_graphql::Result<i64> {
        match self {
            CurrentUser::User(id) => Ok(*id),
            CurrentUser::Anonymous => Err(ErrorCode::Unauthenticated.error(format!(
                "this operation needs a signed-in user: send the `{USER_ID_HEADER}` header"
            ))),
            CurrentUser::Invalid(raw) => Err(ErrorCode::Unauthenticated.error(format!(
                "the `{USER_ID_HEADER}` header must be a positive integer user id, got {raw:?}"
            ))),
        }
    }
}

/// Reads the current user from a resolver's context (anonymous when the kit did not set one).
pub fn current_user(ctx: &async_graphql::Context<'_>) -> CurrentUser {
    ctx.data_opt::<CurrentUser>()
        .cloned()
        .unwrap_or(CurrentUser::Anonymous)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_header() {
        assert_eq!(CurrentUser::from_header(None), CurrentUser::Anonymous);
        assert_eq!(
            CurrentUser::from_header(Some(" 42 ")),
            CurrentUser::User(42)
        );
        assert_eq!(
            CurrentUser::from_header(Some("abc")),
            CurrentUser::Invalid("abc".into())
        );
        assert_eq!(
            CurrentUser::from_header(Some("0")),
            CurrentUser::Invalid("0".into())
        );
        assert!(CurrentUser::Anonymous.require().is_err());
        assert_eq!(CurrentUser::User(7).require().ok(), Some(7));
    }
}
