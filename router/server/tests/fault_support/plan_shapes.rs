//! A six-subgraph graph whose operations give every plan node kind the fault matrix needs, and
//! what each subgraph answers when it behaves.
//!
//! - `catalog`: the root fields (`products`, `topProduct`, the non-null `featured`) and the
//!   `renameProduct` mutation.
//! - `specs`: `Product.weight: Int!`.
//! - `shipping`: `Product.shippingEstimate @requires(fields: "weight")`, so it waits for `specs`.
//! - `stock`: `Product.inventory { count: Int! warehouse }` and the `restock` mutation.
//! - `reviews`: `Product.reviews: [Review!]`, each review's `author` a `User` stub.
//! - `users`: `User.name: String!`, `User.nickname`, reached below `reviews` (a nested flatten).
//!
//! Healthy answers give every field a subgraph owns, whatever the fetch selects: the router
//! projects what the client asked for, and a fault is then an edit of that answer.

use std::net::SocketAddr;
use std::sync::LazyLock;

use serde_json::{Value, json};
use supergraph::Supergraph;

pub const SUBGRAPHS: [&str; 6] = ["catalog", "specs", "shipping", "stock", "reviews", "users"];

const FEDERATION: &str = r#"extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])"#;

fn sdl(subgraph: &str) -> String {
    let body = match subgraph {
        "catalog" => {
            r#"
type Query { products: [Product] topProduct: Product featured: Product! }
type Mutation { renameProduct(id: ID!, name: String!): Product }
type Product @key(fields: "id") { id: ID! name: String! }
"#
        }
        "specs" => r#"type Product @key(fields: "id") { id: ID! weight: Int! }"#,
        "shipping" => {
            r#"
type Product @key(fields: "id") {
  id: ID!
  weight: Int! @external
  shippingEstimate: Int @requires(fields: "weight")
}
"#
        }
        "stock" => {
            r#"
type Product @key(fields: "id") { id: ID! inventory: Inventory }
type Inventory { count: Int! warehouse: String }
type Mutation { restock(id: ID!, amount: Int!): Int }
"#
        }
        "reviews" => {
            r#"
type Product @key(fields: "id") { id: ID! reviews: [Review!] }
type Review { id: ID! body: String! author: User }
type User @key(fields: "id", resolvable: false) { id: ID! }
"#
        }
        "users" => r#"type User @key(fields: "id") { id: ID! name: String! nickname: String }"#,
        other => panic!("no subgraph {other}"),
    };
    format!("{FEDERATION}\n{body}")
}

/// The composed supergraph, once per test binary (URLs are set per stack).
pub fn supergraph() -> Supergraph {
    static SUPERGRAPH: LazyLock<Supergraph> = LazyLock::new(|| {
        let subgraphs: Vec<composition::SubgraphSdl> = SUBGRAPHS
            .iter()
            .map(|name| {
                composition::SubgraphSdl::new(
                    *name,
                    format!("http://{name}.invalid/graphql"),
                    sdl(name),
                )
            })
            .collect();
        let sdl = composition::compose(&subgraphs)
            .unwrap_or_else(|d| panic!("composition failed:\n{}", composition::render(&d)))
            .sdl;
        router_server::supergraph_source::parse(&sdl, "plan_shapes")
            .expect("the composed supergraph loads")
    });
    SUPERGRAPH.clone()
}

/// `supergraph()` with every subgraph at its address.
pub fn supergraph_at(addresses: &[(&str, SocketAddr)]) -> Supergraph {
    let mut supergraph = supergraph();
    for (name, addr) in addresses {
        assert!(supergraph.set_url(name, format!("http://{addr}/graphql")));
    }
    supergraph
}

/// What `subgraph` answers to the request `body` when it behaves.
pub fn healthy(subgraph: &str, body: &Value) -> Value {
    let query = body["query"].as_str().unwrap_or_default();
    if let Some(representations) = body["variables"]["representations"].as_array() {
        let entities: Vec<Value> = representations
            .iter()
            .map(|r| entity(subgraph, r))
            .collect();
        return json!({ "data": { "_entities": entities } });
    }
    let mutation = query.trim_start().starts_with("mutation");
    let data = match (subgraph, mutation) {
        ("catalog", false) => json!({
            "products": [product(1), product(2)],
            "topProduct": product(1),
            "featured": product(2),
        }),
        ("catalog", true) => json!({
            "renameProduct": { "__typename": "Product", "id": "1", "name": "Green apple" }
        }),
        ("stock", true) => json!({ "restock": 15 }),
        _ => json!({}),
    };
    json!({ "data": data })
}

fn product(id: u32) -> Value {
    let name = if id == 1 { "Apple" } else { "Pear" };
    json!({ "__typename": "Product", "id": id.to_string(), "name": name })
}

/// One `_entities` answer: what `subgraph` owns of the represented object.
fn entity(subgraph: &str, representation: &Value) -> Value {
    let typename = representation["__typename"].clone();
    let id = representation["id"].as_str().unwrap_or_default();
    let mut answer = json!({ "__typename": typename, "id": id });
    let fields = match (subgraph, typename.as_str(), id) {
        ("specs", Some("Product"), "1") => json!({ "weight": 10 }),
        ("specs", Some("Product"), "2") => json!({ "weight": 20 }),
        ("shipping", Some("Product"), _) => {
            let estimate = representation["weight"].as_i64().map(|w| w * 2);
            json!({ "shippingEstimate": estimate })
        }
        ("stock", Some("Product"), "1") => {
            json!({ "inventory": { "count": 5, "warehouse": "north" } })
        }
        ("stock", Some("Product"), "2") => {
            json!({ "inventory": { "count": 0, "warehouse": "south" } })
        }
        ("reviews", Some("Product"), "1") => json!({ "reviews": [
            review("r1", "Crisp", "u1"),
            review("r2", "Sour", "u2"),
        ] }),
        ("reviews", Some("Product"), "2") => json!({ "reviews": [review("r3", "Sweet", "u1")] }),
        ("users", Some("User"), "u1") => json!({ "name": "Ada", "nickname": "ada" }),
        ("users", Some("User"), "u2") => json!({ "name": "Bob", "nickname": "bob" }),
        _ => return Value::Null,
    };
    if let (Value::Object(answer), Value::Object(fields)) = (&mut answer, fields) {
        answer.extend(fields);
    }
    answer
}

fn review(id: &str, body: &str, author: &str) -> Value {
    json!({
        "__typename": "Review",
        "id": id,
        "body": body,
        "author": { "__typename": "User", "id": author },
    })
}
