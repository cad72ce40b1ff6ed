//! Parsing the decimal ids shared across services (`"42"`).

use async_graphql::ID;
use subgraph_kit::errors::bad_input;

/// A positive integer id, or `BAD_USER_INPUT` naming the argument.
pub fn parse_id(argument: &str, id: &ID) -> async_graphql::Result<i64> {
    match id.as_str().parse::<i64>() {
        Ok(value) if value > 0 => Ok(value),
        _ => Err(bad_input(format!(
            "`{argument}` must be a positive integer id, got {:?}",
            id.as_str()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_positive_integers_only() {
        assert_eq!(parse_id("id", &ID::from("42")).ok(), Some(42));
        for bad in ["0", "-1", "abc", "", "1.5", " 7", "99999999999999999999"] {
            assert!(parse_id("id", &ID::from(bad)).is_err(), "{bad:?}");
        }
    }
}
