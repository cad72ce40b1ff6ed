use async_graphql::Enum;

/// The catalogue section a product belongs to.
// `remote` derives the conversions to and from the stored category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[graphql(remote = "crate::entity::product::Category")]
pub enum ProductCategory {
    Books,
    Electronics,
    Home,
    Garden,
    Toys,
    Sports,
    Clothing,
    Grocery,
}
