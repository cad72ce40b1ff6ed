mod common;

use common::{describe, fixture, load, planner_fixture};

#[test]
fn loads_join_v0_2_supergraph() {
    insta::assert_snapshot!(describe(&load(&fixture("v02.graphql"))), @r#"
    join v0.2
    subgraph accounts (ACCOUNTS) http://accounts:4001/graphql
    subgraph reviews (REVIEWS) http://reviews:4002/graphql
    Node in accounts
    Node in reviews
      Node.id: ID! <- [accounts, reviews]
    Query in accounts
    Query in reviews
      Query.me: User <- [accounts]
      Query.reviews: [Review!]! <- [reviews]
      Query.internalStats: Stats <- [accounts]
    Review in reviews key(id) implements Node
      Review.id: ID! <- [reviews]
      Review.body: String! <- [reviews]
      Review.author: User! <- [reviews provides(name)]
      Review.status: Status! <- [reviews]
    Stats in accounts
      Stats.users: Int! <- [accounts]
    User in accounts key(id) implements Node
    User in reviews key(id) implements Node
      User.id: ID! <- [accounts, reviews]
      User.name: String! <- [accounts, reviews external]
      User.passwordHash: String! <- [accounts]
      User.reviews: [Review!]! <- [reviews]
    "#);
}

#[test]
fn loads_join_v0_3_supergraph() {
    insta::assert_snapshot!(describe(&load(&planner_fixture("shop.graphql"))), @r#"
    join v0.3
    subgraph carts (CARTS) http://localhost:4005/graphql
    subgraph inventory (INVENTORY) http://localhost:4003/graphql
    subgraph products (PRODUCTS) http://localhost:4002/graphql
    subgraph reviews (REVIEWS) http://localhost:4004/graphql
    subgraph users (USERS) http://localhost:4001/graphql
    Cart in carts key(id)
      Cart.id: ID! <- [carts]
      Cart.user: User! <- [carts]
      Cart.items: [CartItem!]! <- [carts]
    CartItem in carts
      CartItem.product: Product! <- [carts]
      CartItem.quantity: Int! <- [carts]
    Mutation in carts
    Mutation in reviews
      Mutation.addToCart: Cart! <- [carts]
      Mutation.addReview: Review! <- [reviews]
    Product in carts key(upc, unresolvable)
    Product in inventory key(upc)
    Product in products key(upc) key(sku)
    Product in reviews key(upc)
      Product.upc: String! <- [carts, inventory, products, reviews]
      Product.sku: String! <- [products]
      Product.name: String! <- [products]
      Product.price: Int! <- [inventory external, products]
      Product.weight: Int! <- [inventory external, products]
      Product.inStock: Boolean! <- [inventory override(products)]
      Product.shippingEstimate: Int! <- [inventory requires(price weight)]
      Product.reviews: [Review!]! <- [reviews]
    Query in carts
    Query in inventory
    Query in products
    Query in reviews
    Query in users
      Query.cart: Cart <- [carts]
      Query.topProducts: [Product!]! <- [products]
      Query.product: Product <- [products]
      Query.productBySku: Product <- [products]
      Query.productGrid: [[Product!]!]! <- [products]
      Query.me: User <- [users]
      Query.user: User <- [users]
      Query.latestReviews: [Review!]! <- [reviews]
    Review in reviews key(id)
      Review.id: ID! <- [reviews]
      Review.body: String! <- [reviews]
      Review.author: User! <- [reviews provides(username)]
      Review.product: Product! <- [reviews]
    User in carts key(id)
    User in reviews key(id)
    User in users key(id)
      User.id: ID! <- [carts, reviews, users]
      User.username: String! <- [reviews external, users]
      User.email: String! <- [users]
      User.cart: Cart <- [carts]
      User.reviews: [Review!]! <- [reviews]
    "#);
}

#[test]
fn loads_join_v0_4_supergraph_with_override_labels() {
    insta::assert_snapshot!(describe(&load(&planner_fixture("override.graphql"))), @r#"
    join v0.4
    subgraph billing (BILLING) http://billing:4000/graphql
    subgraph payments (PAYMENTS) http://payments:4000/graphql
    subgraph users (USERS) http://users:4000/graphql
    Query in billing
    Query in payments
    Query in users
      Query.user: User <- [users]
      Query.plans: [String!]! <- [billing label(percent(20)), payments override(billing) label(percent(20))]
    User in billing key(id)
    User in payments key(id)
    User in users key(id)
      User.id: ID! <- [billing, payments, users]
      User.name: String! <- [users]
      User.balance: Int! <- [billing label(new-payments), payments override(billing) label(new-payments)]
      User.plan: String! <- [payments override(billing)]
    "#);
}

#[test]
fn loads_join_v0_5_supergraph_with_join_directive() {
    let sg = load(&fixture("v05.graphql"));
    assert_eq!(sg.join_version.to_string(), "0.5");
    assert_eq!(sg.subgraphs.len(), 5);
    assert!(sg.api_sdl().contains("type Cart {"));
    assert!(!sg.api_sdl().contains("join__"));
}

#[test]
fn loads_interface_objects() {
    insta::assert_snapshot!(describe(&load(&planner_fixture("interface_object.graphql"))), @r#"
    join v0.3
    subgraph media (MEDIA) http://media:4000/graphql
    subgraph ratings (RATINGS) http://ratings:4000/graphql
    Book in media key(id) implements Media
      Book.id: ID! <- [media]
      Book.title: String! <- [media]
      Book.author: String! <- [media]
      Book.rating: Float <- []
    Media in media key(id)
    Media in ratings key(id) interfaceObject
      Media.id: ID! <- [media, ratings]
      Media.title: String! <- [media]
      Media.rating: Float <- [ratings]
    Movie in media key(id) implements Media
      Movie.id: ID! <- [media]
      Movie.title: String! <- [media]
      Movie.director: String! <- [media]
      Movie.rating: Float <- []
    Query in media
    Query in ratings
      Query.library: [Media!]! <- [media]
      Query.book: Book <- [media]
      Query.topRated: [Media!]! <- [ratings]
    "#);
}

#[test]
fn loads_federation_v1_supergraph() {
    insta::assert_snapshot!(describe(&load(&fixture("fed1.graphql"))), @r#"
    join v0.1
    subgraph accounts (ACCOUNTS) http://accounts:4001/graphql
    subgraph products (PRODUCTS) http://products:4003/graphql
    Product in products key(upc)
    Product in accounts key(upc)
      Product.upc: String! <- [products, accounts]
      Product.name: String <- [products]
      Product.buyers: [User] <- [accounts]
    Query in accounts
    Query in products
      Query.me: User <- [accounts]
      Query.topProducts: [Product] <- [products]
    User in accounts key(id)
      User.id: ID! <- [accounts]
      User.username: String <- [accounts]
    "#);
}

#[test]
fn reads_subgraph_urls_and_lets_the_server_override_them() {
    let mut sg = load(&planner_fixture("shop.graphql"));
    let users = sg.subgraph_id("users").expect("users subgraph");
    assert_eq!(
        sg.subgraph(users).url.as_deref(),
        Some("http://localhost:4001/graphql")
    );
    assert!(sg.set_url("users", "http://127.0.0.1:9999/graphql".into()));
    assert_eq!(
        sg.subgraph(users).url.as_deref(),
        Some("http://127.0.0.1:9999/graphql")
    );
    assert!(!sg.set_url("nope", String::new()));
}

#[test]
fn parses_requires_and_provides_into_selection_sets() {
    let sg = load(&planner_fixture("shop.graphql"));
    let inventory = sg.subgraph_id("inventory").expect("inventory");
    let requires = sg
        .field_meta("Product", "shippingEstimate")
        .expect("field")
        .graphs[&inventory]
        .requires
        .clone()
        .expect("requires");
    let names: Vec<_> = requires
        .selection_set
        .fields()
        .map(|f| f.name.to_string())
        .collect();
    assert_eq!(names, ["price", "weight"]);
}

#[test]
fn loads_supergraph_with_renamed_join_prefix() {
    let sdl = planner_fixture("shop.graphql")
        .replace(
            r#"@link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)"#,
            r#"@link(url: "https://specs.apollo.dev/join/v0.3", as: "j", for: EXECUTION)"#,
        )
        .replace("join__", "j__");
    let renamed = load(&sdl);
    let original = load(&planner_fixture("shop.graphql"));
    assert_eq!(describe(&renamed), describe(&original));
    assert_eq!(renamed.api_sdl(), original.api_sdl());
}
