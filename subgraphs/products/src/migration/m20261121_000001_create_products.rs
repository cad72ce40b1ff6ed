use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    Sku,
    Name,
    Description,
    PriceCents,
    WeightKg,
    Category,
    WidthCm,
    HeightCm,
    DepthCm,
    InStock,
    Popularity,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Products::Id)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Products::Sku)
                            .string_len(16)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Products::Name).string().not_null())
                    .col(ColumnDef::new(Products::Description).text().not_null())
                    .col(ColumnDef::new(Products::PriceCents).integer().not_null())
                    .col(ColumnDef::new(Products::WeightKg).double().not_null())
                    .col(ColumnDef::new(Products::Category).string_len(16).not_null())
                    .col(ColumnDef::new(Products::WidthCm).double().not_null())
                    .col(ColumnDef::new(Products::HeightCm).double().not_null())
                    .col(ColumnDef::new(Products::DepthCm).double().not_null())
                    .col(ColumnDef::new(Products::InStock).boolean().not_null())
                    .col(ColumnDef::new(Products::Popularity).integer().not_null())
                    .to_owned(),
            )
            .await?;
        // `products(category:)` pages by id within a category.
        manager
            .create_index(
                Index::create()
                    .name("idx_products_category_id")
                    .table(Products::Table)
                    .col(Products::Category)
                    .col(Products::Id)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        // `topProducts` reads the most popular first.
        manager
            .create_index(
                Index::create()
                    .name("idx_products_popularity")
                    .table(Products::Table)
                    .col(Products::Popularity)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Products::Table).to_owned())
            .await
    }
}
