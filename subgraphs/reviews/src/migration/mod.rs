//! Schema migrations, run by [`crate::setup`].

mod m20261121_000001_create_review;

use sea_orm_migration::{MigrationTrait, MigratorTrait, async_trait::async_trait};

pub struct Migrator;

#[async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261121_000001_create_review::Migration)]
    }
}
