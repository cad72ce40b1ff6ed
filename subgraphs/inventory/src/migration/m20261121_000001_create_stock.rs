use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stock {
    Table,
    ProductId,
    Quantity,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Stock::Table)
                    .if_not_exists()
                    .col(big_integer(Stock::ProductId).primary_key())
                    .col(integer(Stock::Quantity))
                    .to_owned(),
            )
            .await?;
        // lowStockProducts scans by quantity.
        manager
            .create_index(
                Index::create()
                    .name("idx_stock_quantity")
                    .table(Stock::Table)
                    .col(Stock::Quantity)
                    .col(Stock::ProductId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Stock::Table).to_owned())
            .await
    }
}
