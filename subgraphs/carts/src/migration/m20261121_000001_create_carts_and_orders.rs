//! Carts, cart lines, orders and order lines.
//!
//! The unique constraints carry the concurrency design: `cart.user_id` makes cart creation an
//! insert-or-ignore, and `cart_item (cart_id, product_id)` is the conflict target of the atomic
//! quantity upsert in `addToCart`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Cart::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Cart::Id))
                    .col(big_integer_uniq(Cart::UserId))
                    .col(timestamp_with_time_zone(Cart::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CartItem::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CartItem::Id))
                    .col(big_integer(CartItem::CartId))
                    .col(big_integer(CartItem::ProductId))
                    .col(integer(CartItem::Quantity))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cart_item_cart")
                            .from(CartItem::Table, CartItem::CartId)
                            .to(Cart::Table, Cart::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_cart_item_cart_product")
                    .table(CartItem::Table)
                    .col(CartItem::CartId)
                    .col(CartItem::ProductId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Orders::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Orders::Id))
                    .col(big_integer(Orders::UserId))
                    .col(string_len(Orders::Status, 16))
                    .col(timestamp_with_time_zone(Orders::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // `User.orders` lists a user's newest orders first.
        manager
            .create_index(
                Index::create()
                    .name("ix_orders_user_created")
                    .table(Orders::Table)
                    .col(Orders::UserId)
                    .col(Orders::CreatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrderItem::Table)
                    .if_not_exists()
                    .col(big_pk_auto(OrderItem::Id))
                    .col(big_integer(OrderItem::OrderId))
                    .col(big_integer(OrderItem::ProductId))
                    .col(integer(OrderItem::Quantity))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_item_order")
                            .from(OrderItem::Table, OrderItem::OrderId)
                            .to(Orders::Table, Orders::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_item_order")
                    .table(OrderItem::Table)
                    .col(OrderItem::OrderId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrderItem::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Orders::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CartItem::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Cart::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Cart {
    Table,
    Id,
    UserId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CartItem {
    Table,
    Id,
    CartId,
    ProductId,
    Quantity,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    UserId,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrderItem {
    Table,
    Id,
    OrderId,
    ProductId,
    Quantity,
}
