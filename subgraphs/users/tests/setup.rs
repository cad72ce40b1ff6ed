//! `setup` migrates and seeds once; running it again changes nothing.

use sea_orm::{ConnectionTrait, Statement};
use subgraph_kit::{
    seed::{SeedSize, username},
    testing::TestDatabase,
};

#[tokio::test]
async fn setup_is_idempotent_and_seeds_the_shared_ids() {
    for database in TestDatabase::all("users_setup").await {
        users::setup(&database.db, SeedSize::TEST)
            .await
            .expect("first setup");
        users::setup(&database.db, SeedSize::TEST)
            .await
            .expect("second setup");
        assert_eq!(
            users::service::users::count(&database.db)
                .await
                .expect("count"),
            u64::from(SeedSize::TEST.users),
            "{}",
            database.backend
        );
        let found = users::service::users::find_by_ids(&database.db, &[1, 20, 21])
            .await
            .expect("find");
        assert_eq!(found.len(), 2);
        assert_eq!(found[&20].username, username(20));
        database.cleanup().await;
    }
}

#[tokio::test]
async fn seeding_is_deterministic() {
    let mut snapshots = Vec::new();
    for database in TestDatabase::all("users_seed_determinism").await {
        users::setup(&database.db, SeedSize::TEST)
            .await
            .expect("setup");
        let rows = users::service::users::page(&database.db, None, 100)
            .await
            .expect("rows");
        snapshots.push(
            rows.iter()
                .map(|r| (r.id, r.email.clone(), r.created_at, r.risk_score))
                .collect::<Vec<_>>(),
        );
        // The table exists under the name other tools expect.
        let backend = database.db.get_database_backend();
        database
            .db
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT COUNT(*) FROM users",
            ))
            .await
            .expect("users table");
        database.cleanup().await;
    }
    let fresh = TestDatabase::sqlite().await;
    users::setup(&fresh.db, SeedSize::TEST)
        .await
        .expect("setup");
    let again = users::service::users::page(&fresh.db, None, 100)
        .await
        .expect("rows");
    let again: Vec<_> = again
        .iter()
        .map(|r| (r.id, r.email.clone(), r.created_at, r.risk_score))
        .collect();
    for snapshot in snapshots {
        assert_eq!(snapshot, again);
    }
    fresh.cleanup().await;
}
