use async_graphql::{SimpleObject, Union};

use super::{Product, ProductCategory};
use crate::entity::product::Category;

/// A search hit: a product, or a whole category whose name matches the text.
#[derive(Union)]
pub enum SearchResult {
    Product(Product),
    CategoryMatch(CategoryMatch),
}

/// A category whose name matches the search text.
#[derive(Debug, Clone, SimpleObject)]
pub struct CategoryMatch {
    pub category: ProductCategory,
    /// How many products the category holds.
    pub product_count: i32,
}

/// The categories `text` names, ignoring case: a word of the text is the category's name, its
/// singular (`"book"`, `"toy"`), or a prefix of three letters or more (`"elec"`).
pub fn matching_categories(text: &str) -> Vec<Category> {
    let text = text.to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    Category::ALL
        .into_iter()
        .filter(|category| {
            let name = category.name().to_lowercase();
            let singular = name.strip_suffix('s').unwrap_or(&name);
            words.iter().any(|word| {
                *word == name
                    || *word == singular
                    || (word.chars().count() >= 3 && name.starts_with(word))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_match_by_name_either_way() {
        assert_eq!(matching_categories("Elec"), [Category::Electronics]);
        assert_eq!(matching_categories("garden hose"), [Category::Garden]);
        assert_eq!(matching_categories("a toy"), [Category::Toys]);
        assert_eq!(matching_categories("BOOKS"), [Category::Books]);
        assert!(matching_categories("walnut").is_empty());
        assert!(matching_categories("homemade jam").is_empty());
        assert_eq!(
            matching_categories("cloth and sport"),
            [Category::Sports, Category::Clothing]
        );
    }
}
