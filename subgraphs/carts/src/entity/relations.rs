//! How the tables link: a cart has many lines, an order has many lines, and each line belongs
//! to its parent (deleted with it). Both sides of a pair are defined here, so an entity's file
//! names no other entity and the pairs do not import each other.

use sea_orm::entity::prelude::*;

use super::{cart, cart_item, order, order_item};

impl RelationTrait for cart::Relation {
    fn def(&self) -> RelationDef {
        match self {
            Self::CartItem => cart::Entity::has_many(cart_item::Entity).into(),
        }
    }
}

impl RelationTrait for cart_item::Relation {
    fn def(&self) -> RelationDef {
        match self {
            Self::Cart => cart_item::Entity::belongs_to(cart::Entity)
                .from(cart_item::Column::CartId)
                .to(cart::Column::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .into(),
        }
    }
}

impl Related<cart_item::Entity> for cart::Entity {
    fn to() -> RelationDef {
        cart::Relation::CartItem.def()
    }
}

impl Related<cart::Entity> for cart_item::Entity {
    fn to() -> RelationDef {
        cart_item::Relation::Cart.def()
    }
}

impl RelationTrait for order::Relation {
    fn def(&self) -> RelationDef {
        match self {
            Self::OrderItem => order::Entity::has_many(order_item::Entity).into(),
        }
    }
}

impl RelationTrait for order_item::Relation {
    fn def(&self) -> RelationDef {
        match self {
            Self::Order => order_item::Entity::belongs_to(order::Entity)
                .from(order_item::Column::OrderId)
                .to(order::Column::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .into(),
        }
    }
}

impl Related<order_item::Entity> for order::Entity {
    fn to() -> RelationDef {
        order::Relation::OrderItem.def()
    }
}

impl Related<order::Entity> for order_item::Entity {
    fn to() -> RelationDef {
        order_item::Relation::Order.def()
    }
}
