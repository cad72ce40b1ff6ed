//! Deterministic seed data: users `1..=size.users`, named by the kit so that other services
//! (reviews stores author usernames) agree with this one.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};
use subgraph_kit::seed::{SeedRng, SeedSize, person_name, username};

use crate::{entity::user, service};

const SEED: u64 = 0x5EED_0001;
// Keeps each INSERT well under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH: usize = 500;

/// The seeded user `id` (the same on every run).
pub fn user(id: i64, rng: &mut SeedRng) -> user::Model {
    let username = username(id);
    user::Model {
        id,
        email: format!("{username}@example.com"),
        name: person_name(id),
        username,
        created_at: created_at(id, rng),
        risk_score: i32::try_from(rng.range(0, 100)).unwrap_or_default(),
    }
}

// Accounts sign up in id order over roughly three years, at a random time of their day.
fn created_at(id: i64, rng: &mut SeedRng) -> DateTime<Utc> {
    let epoch = Utc
        .with_ymd_and_hms(2022, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH);
    epoch + chrono::Duration::hours(id) + chrono::Duration::seconds(rng.range(0, 3_599))
}

/// Inserts the seed users unless the table already has rows; returns how many were inserted.
pub async fn seed<C>(db: &C, size: SeedSize) -> Result<u64, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    if service::users::count(db).await? > 0 {
        return Ok(0);
    }
    let mut rng = SeedRng::new(SEED);
    let rows: Vec<user::Model> = (1..=i64::from(size.users))
        .map(|id| user(id, &mut rng))
        .collect();
    let txn = db.begin().await?;
    for chunk in rows.chunks(BATCH) {
        service::users::insert_many(&txn, chunk.to_vec()).await?;
    }
    txn.commit().await?;
    Ok(rows.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_rows_are_deterministic_and_consistent() {
        let a = user(7, &mut SeedRng::new(SEED));
        let b = user(7, &mut SeedRng::new(SEED));
        assert_eq!(a, b);
        assert_eq!(a.username, username(7));
        assert_eq!(a.email, format!("{}@example.com", username(7)));
        assert!((0..=100).contains(&a.risk_score));
    }
}
