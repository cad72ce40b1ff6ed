mod common;

use common::{fixture, load, planner_fixture};

#[test]
fn prints_api_schema_without_machinery_or_inaccessible_elements() {
    insta::assert_snapshot!(load(&fixture("v02.graphql")).api_sdl(), @r#"
    interface Node {
      id: ID!
    }

    type Query {
      me: User
      reviews(first: Int): [Review!]!
    }

    type Review implements Node {
      id: ID!
      body: String!
      author: User!
      status: Status!
    }

    enum Status {
      PUBLISHED
    }

    type User implements Node {
      id: ID!
      name: String!
      reviews: [Review!]!
    }
    "#);
}

#[test]
fn prints_api_schema_of_the_shop() {
    insta::assert_snapshot!(load(&planner_fixture("shop.graphql")).api_sdl(), @r#"
    type Cart {
      id: ID!
      user: User!
      items: [CartItem!]!
    }

    type CartItem {
      product: Product!
      quantity: Int!
    }

    type Mutation {
      addToCart(upc: String!, quantity: Int!): Cart!
      addReview(upc: String!, body: String!): Review!
    }

    type Product {
      upc: String!
      sku: String!
      name: String!
      price: Int!
      weight: Int!
      inStock: Boolean!
      shippingEstimate: Int!
      reviews: [Review!]!
    }

    type Query {
      cart(id: ID!): Cart
      topProducts(first: Int = 5): [Product!]!
      product(upc: String!): Product
      productBySku(sku: String!): Product
      productGrid: [[Product!]!]!
      me: User
      user(id: ID!): User
      latestReviews: [Review!]!
    }

    type Review {
      id: ID!
      body: String!
      author: User!
      product: Product!
    }

    type User {
      id: ID!
      username: String!
      email: String!
      cart: Cart
      reviews: [Review!]!
    }
    "#);
}

#[test]
fn hides_elements_marked_with_a_renamed_inaccessible_import() {
    let sdl = fixture("v02.graphql")
        .replace(
            r#"@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)"#,
            r#"@link(url: "https://specs.apollo.dev/inaccessible/v0.2", as: "hidden", for: SECURITY)"#,
        )
        .replace("@inaccessible", "@hidden");
    let api = load(&sdl).api_sdl();
    assert!(!api.contains("passwordHash"), "{api}");
    assert!(!api.contains("hidden"), "{api}");
    assert!(api.contains("reviews(first: Int)"), "{api}");
}
