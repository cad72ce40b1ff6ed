//! Checking a review before it is stored.

use chrono::{DateTime, SubsecRound, Utc};

pub const MAX_BODY_CHARS: usize = 2_000;

/// A review that passed validation, ready to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReview {
    pub product_id: i64,
    pub user_id: i64,
    pub author_username: String,
    pub rating: i32,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// Why a review was refused; every case is the client's to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidReview {
    #[error("`productId` must be a positive integer product id, got {0:?}")]
    ProductId(String),
    #[error("`rating` must be between 1 and 5, got {0}")]
    Rating(i32),
    #[error("`body` must not be empty")]
    EmptyBody,
    #[error("`body` must be at most {MAX_BODY_CHARS} characters, got {0}")]
    BodyTooLong(usize),
}

impl NewReview {
    /// Validates the client's input. The author's username is the one users seeds for that
    /// id (`subgraph_kit::seed::username`), so `author { username }` agrees with users.
    /// Whether the product exists is the products service's business: reviews cannot check it
    /// without a cross-service call, so only its format is checked here.
    pub fn validate(
        user_id: i64,
        product_id: &str,
        rating: i32,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<NewReview, InvalidReview> {
        let product_id = match product_id.trim().parse::<i64>() {
            Ok(id) if id > 0 => id,
            _ => return Err(InvalidReview::ProductId(product_id.to_owned())),
        };
        if !(1..=5).contains(&rating) {
            return Err(InvalidReview::Rating(rating));
        }
        let body = body.trim();
        if body.is_empty() {
            return Err(InvalidReview::EmptyBody);
        }
        let chars = body.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(InvalidReview::BodyTooLong(chars));
        }
        Ok(NewReview {
            product_id,
            user_id,
            author_username: subgraph_kit::seed::username(user_id),
            rating,
            body: body.to_owned(),
            // Microseconds: what PostgreSQL keeps, so the returned value equals the stored one.
            created_at: now.trunc_subsecs(6),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(product: &str, rating: i32, body: &str) -> Result<NewReview, InvalidReview> {
        NewReview::validate(3, product, rating, body, Utc::now())
    }

    #[test]
    fn accepts_and_trims_a_good_review() {
        let review = check("42", 5, "  Great.  ").expect("valid");
        assert_eq!(review.product_id, 42);
        assert_eq!(review.body, "Great.");
        assert_eq!(review.author_username, subgraph_kit::seed::username(3));
    }

    #[test]
    fn refuses_bad_input() {
        assert_eq!(
            check("abc", 3, "x"),
            Err(InvalidReview::ProductId("abc".into()))
        );
        assert_eq!(
            check("0", 3, "x"),
            Err(InvalidReview::ProductId("0".into()))
        );
        assert_eq!(check("1", 0, "x"), Err(InvalidReview::Rating(0)));
        assert_eq!(check("1", 6, "x"), Err(InvalidReview::Rating(6)));
        assert_eq!(check("1", 3, "   "), Err(InvalidReview::EmptyBody));
        let long = "é".repeat(MAX_BODY_CHARS + 1);
        assert_eq!(check("1", 3, &long), Err(InvalidReview::BodyTooLong(2001)));
        // The limit counts characters, not bytes.
        assert!(check("1", 3, &"é".repeat(MAX_BODY_CHARS)).is_ok());
    }
}
