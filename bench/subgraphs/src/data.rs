//! The fixed in-memory data every bench subgraph serves: built once, never changes, so the
//! benchmark measures the router and HTTP, not a data layer.

use std::sync::LazyLock;

pub const USERS: usize = 100;
pub const PRODUCTS: usize = 200;
pub const REVIEWS_PER_PRODUCT: usize = 4;
pub const REVIEWS: usize = PRODUCTS * REVIEWS_PER_PRODUCT;

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: usize,
    pub name: String,
    pub username: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: usize,
    pub name: String,
    /// Cents.
    pub price: i32,
    /// Kilograms.
    pub weight: f64,
    pub quantity: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: usize,
    pub product: usize,
    pub author: usize,
    pub rating: i32,
    pub body: String,
}

/// Everything, indexed by id (ids start at 1; index 0 is id 1).
#[derive(Debug)]
pub struct Data {
    pub users: Vec<User>,
    pub products: Vec<Product>,
    pub reviews: Vec<Review>,
    /// Review ids per user, by user index.
    pub reviews_by_user: Vec<Vec<usize>>,
    /// Review ids per product, by product index.
    pub reviews_by_product: Vec<Vec<usize>>,
}

static DATA: LazyLock<Data> = LazyLock::new(Data::build);

pub fn data() -> &'static Data {
    &DATA
}

/// Username of user `id`: derived from the id so that reviews (which "stores" it alongside each
/// review for `@provides`) and users agree.
pub fn username(id: usize) -> String {
    format!("user{id:03}")
}

impl Data {
    fn build() -> Data {
        let users = (1..=USERS)
            .map(|id| User {
                id,
                name: format!("User Number {id}"),
                username: username(id),
            })
            .collect();
        let products = (1..=PRODUCTS)
            .map(|id| Product {
                id,
                name: format!("Product {id}"),
                // Some above the free-shipping threshold (10000), most below.
                price: (id as i32 * 137) % 15000 + 99,
                weight: ((id * 7) % 50) as f64 / 10.0 + 0.1,
                quantity: (id as i32 * 13) % 40,
            })
            .collect();
        let mut reviews = Vec::with_capacity(REVIEWS);
        let mut reviews_by_user = vec![Vec::new(); USERS];
        let mut reviews_by_product = vec![Vec::new(); PRODUCTS];
        for index in 0..REVIEWS {
            let id = index + 1;
            let product = index / REVIEWS_PER_PRODUCT + 1;
            // A stride coprime with USERS spreads each product's reviewers over all users,
            // and every user gets REVIEWS / USERS reviews.
            let author = (index * 37) % USERS + 1;
            reviews.push(Review {
                id,
                product,
                author,
                rating: (index % 5) as i32 + 1,
                body: format!("Review {id} of product {product} by user {author}"),
            });
            reviews_by_user[author - 1].push(id);
            reviews_by_product[product - 1].push(id);
        }
        Data {
            users,
            products,
            reviews,
            reviews_by_user,
            reviews_by_product,
        }
    }

    pub fn user(&self, id: usize) -> Option<&User> {
        id.checked_sub(1).and_then(|i| self.users.get(i))
    }

    pub fn product(&self, id: usize) -> Option<&Product> {
        id.checked_sub(1).and_then(|i| self.products.get(i))
    }

    pub fn review(&self, id: usize) -> Option<&Review> {
        id.checked_sub(1).and_then(|i| self.reviews.get(i))
    }

    pub fn reviews_of_user(&self, id: usize) -> &[usize] {
        id.checked_sub(1)
            .and_then(|i| self.reviews_by_user.get(i))
            .map_or(&[], Vec::as_slice)
    }

    pub fn reviews_of_product(&self, id: usize) -> &[usize] {
        id.checked_sub(1)
            .and_then(|i| self.reviews_by_product.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

/// Shipping cost in cents: free from 10000, otherwise 499 plus 120 per started kilogram.
pub fn shipping_estimate(price: i32, weight: f64) -> i32 {
    if price >= 10_000 {
        0
    } else {
        499 + 120 * weight.ceil() as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_has_the_same_number_of_reviews() {
        let data = data();
        assert_eq!(data.reviews.len(), REVIEWS);
        for user in 1..=USERS {
            assert_eq!(
                data.reviews_of_user(user).len(),
                REVIEWS / USERS,
                "user {user}"
            );
        }
        for product in 1..=PRODUCTS {
            assert_eq!(data.reviews_of_product(product).len(), REVIEWS_PER_PRODUCT);
        }
        assert_eq!(data.user(0), None);
        assert_eq!(data.product(PRODUCTS + 1), None);
    }
}
