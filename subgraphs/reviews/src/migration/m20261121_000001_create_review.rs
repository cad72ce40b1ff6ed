use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Review {
    Table,
    Id,
    ProductId,
    UserId,
    AuthorUsername,
    Rating,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Review::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Review::Id))
                    .col(big_integer(Review::ProductId))
                    .col(big_integer(Review::UserId))
                    .col(string(Review::AuthorUsername))
                    .col(integer(Review::Rating).check(Expr::col(Review::Rating).between(1, 5)))
                    .col(text(Review::Body))
                    .col(timestamp_with_time_zone(Review::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // Newest-first lists per product, per user, and overall.
        for (name, parent) in [
            ("idx_review_product_created", Some(Review::ProductId)),
            ("idx_review_user_created", Some(Review::UserId)),
            ("idx_review_created", None),
        ] {
            let mut index = Index::create();
            index.name(name).table(Review::Table).if_not_exists();
            if let Some(parent) = parent {
                index.col(parent);
            }
            index.col(Review::CreatedAt).col(Review::Id);
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Review::Table).to_owned())
            .await
    }
}
