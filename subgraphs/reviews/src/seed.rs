//! Deterministic reviews spread over users `1..=size.users` and products `1..=size.products`
//! (the ids those services seed), with varied ratings and bodies.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, TransactionTrait};
use subgraph_kit::seed::{SeedRng, SeedSize, username};

use crate::{entity::review, service};

/// Fixed so every start (and every test) sees the same reviews.
const SEED: u64 = 0x0052_E71E_4500;
/// Rows per INSERT: 6 parameters each, well below SQLite's (32,766) and PostgreSQL's (65,535)
/// parameter limits.
const BATCH: usize = 2_000;
/// Seeded reviews are spread evenly over the year before this instant, oldest first.
const SPAN_SECONDS: i64 = 365 * 24 * 3600;

/// Seeds reviews unless the table already has rows; returns how many were inserted.
pub async fn seed_if_empty(db: &DatabaseConnection, size: SeedSize) -> Result<u64, DbErr> {
    if service::reviews::count(db).await? > 0 {
        return Ok(0);
    }
    let rows = reviews(size);
    let txn = db.begin().await?;
    for chunk in rows.chunks(BATCH) {
        let models = chunk.iter().map(|r| review::ActiveModel {
            id: sea_orm::ActiveValue::NotSet,
            product_id: Set(r.product_id),
            user_id: Set(r.user_id),
            author_username: Set(r.author_username.clone()),
            rating: Set(r.rating),
            body: Set(r.body.clone()),
            created_at: Set(r.created_at),
        });
        review::Entity::insert_many(models)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(rows.len() as u64)
}

/// One seeded review (its id is its position, starting at 1).
#[derive(Debug, Clone, PartialEq)]
pub struct SeedReview {
    pub product_id: i64,
    pub user_id: i64,
    pub author_username: String,
    pub rating: i32,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The seeded reviews, in id order (oldest first).
pub fn reviews(size: SeedSize) -> Vec<SeedReview> {
    let mut rng = SeedRng::new(SEED);
    let count = i64::from(size.reviews);
    let end = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("a valid fixed date");
    let step = (SPAN_SECONDS / count.max(1)).max(1);
    let start = end - chrono::Duration::seconds(step * count);
    (1..=count)
        .map(|n| {
            let user_id = rng.range(1, i64::from(size.users));
            let product_id = rng.range(1, i64::from(size.products));
            let rating = rating(&mut rng);
            let jitter = rng.range(0, step - 1);
            SeedReview {
                product_id,
                user_id,
                author_username: username(user_id),
                rating,
                body: body(&mut rng, rating),
                created_at: start + chrono::Duration::seconds(step * (n - 1) + jitter),
            }
        })
        .collect()
}

/// Skewed towards good ratings, as real shops are: 6% 1, 9% 2, 15% 3, 32% 4, 38% 5.
fn rating(rng: &mut SeedRng) -> i32 {
    match rng.range(0, 99) {
        0..=5 => 1,
        6..=14 => 2,
        15..=29 => 3,
        30..=61 => 4,
        _ => 5,
    }
}

const OPENERS: [&[&str]; 5] = [
    &[
        "Very disappointed.",
        "Would not buy again.",
        "Broke within a week.",
    ],
    &["Not great.", "Below expectations.", "Works, barely."],
    &["It's okay.", "Does the job.", "Average at best."],
    &["Pretty good.", "Solid purchase.", "Happy with it."],
    &[
        "Excellent!",
        "Love it.",
        "Exactly what I needed.",
        "Five stars, no doubt.",
    ],
];
const DETAILS: &[&str] = &[
    "The build quality is better than the price suggests.",
    "Shipping took longer than promised.",
    "Setup took about ten minutes.",
    "The colour is slightly different from the photos.",
    "Battery life is impressive.",
    "The manual could be clearer.",
    "My kids use it every day.",
    "It feels sturdy and well made.",
    "Customer support answered within a day.",
    "Smaller than I expected.",
    "Great value for money.",
    "The packaging was mostly recyclable.",
];
const CLOSERS: &[&str] = &[
    "",
    " Recommended.",
    " Would recommend to a friend.",
    " Bought a second one as a gift.",
    " Might return it.",
];

fn body(rng: &mut SeedRng, rating: i32) -> String {
    let openers = OPENERS[(rating - 1) as usize];
    let opener = rng.pick(openers);
    let detail = rng.pick(DETAILS);
    let closer = rng.pick(CLOSERS);
    format!("{opener} {detail}{closer}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_users_products_and_ratings_deterministically() {
        let size = SeedSize::TEST;
        let rows = reviews(size);
        assert_eq!(rows.len(), size.reviews as usize);
        assert_eq!(rows, reviews(size));
        assert!(
            rows.iter()
                .all(|r| (1..=i64::from(size.users)).contains(&r.user_id))
        );
        assert!(
            rows.iter()
                .all(|r| (1..=i64::from(size.products)).contains(&r.product_id))
        );
        for rating in 1..=5 {
            assert!(
                rows.iter().any(|r| r.rating == rating),
                "no {rating}-star review"
            );
        }
        assert!(rows.windows(2).all(|w| w[0].created_at < w[1].created_at));
        assert!(
            rows.iter()
                .all(|r| r.author_username == username(r.user_id))
        );
        let bodies: std::collections::HashSet<_> = rows.iter().map(|r| &r.body).collect();
        assert!(
            bodies.len() > 50,
            "bodies should vary, got {}",
            bodies.len()
        );
    }
}
