//! The bench subgraphs over real HTTP: entity fetches with `@requires` and `@provides`, and the
//! deep query's whole plan executed and replayed against them.

use bench_subgraphs::data::{self, data, shipping_estimate};
use bench_subgraphs::{Subgraph, baseline, start_local, supergraph_sdl};
use serde_json::{Value, json};

const DEEP: &str = include_str!("../../queries/deep.graphql");
const SMALL: &str = include_str!("../../queries/small.graphql");

async fn post(url: &str, body: Value) -> Value {
    reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("the subgraph answers")
        .json()
        .await
        .expect("a JSON answer")
}

#[tokio::test]
async fn inventory_computes_shipping_from_required_price_and_weight() {
    let running = start_local().await.expect("subgraphs start");
    let answer = post(
        running.url(Subgraph::Inventory).expect("inventory"),
        json!({
            "query": "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id inStock shippingEstimate } } }",
            "variables": { "r": [
                { "__typename": "Product", "id": "3", "price": 12000, "weight": 1.5 },
                { "__typename": "Product", "id": "4", "price": 500, "weight": 2.2 },
            ]},
        }),
    )
    .await;
    let p3 = data().product(3).expect("product 3");
    assert_eq!(
        answer,
        json!({ "data": { "_entities": [
            { "id": "3", "inStock": p3.quantity > 0, "shippingEstimate": 0 },
            { "id": "4", "inStock": data().product(4).expect("4").quantity > 0, "shippingEstimate": 499 + 120 * 3 },
        ]}})
    );
}

#[tokio::test]
async fn inventory_refuses_shipping_without_required_fields() {
    let running = start_local().await.expect("subgraphs start");
    let answer = post(
        running.url(Subgraph::Inventory).expect("inventory"),
        json!({
            "query": "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { shippingEstimate } } }",
            "variables": { "r": [{ "__typename": "Product", "id": "3" }] },
        }),
    )
    .await;
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("@requires")),
        "{answer}"
    );
}

#[tokio::test]
async fn reviews_provides_the_username_users_owns() {
    let running = start_local().await.expect("subgraphs start");
    let reviews = post(
        running.url(Subgraph::Reviews).expect("reviews"),
        json!({
            "query": "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { reviews(first: 2) { id author { id username } } } } }",
            "variables": { "r": [{ "__typename": "Product", "id": "9" }] },
        }),
    )
    .await;
    let first = &reviews["data"]["_entities"][0]["reviews"][0];
    let review = data()
        .review(data().reviews_of_product(9)[0])
        .expect("review");
    assert_eq!(first["id"], json!(review.id.to_string()), "{reviews}");
    assert_eq!(first["author"]["id"], json!(review.author.to_string()));
    let users = post(
        running.url(Subgraph::Users).expect("users"),
        json!({
            "query": "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { username } } }",
            "variables": { "r": [{ "__typename": "User", "id": review.author.to_string() }] },
        }),
    )
    .await;
    assert_eq!(
        first["author"]["username"],
        users["data"]["_entities"][0]["username"]
    );
    assert_eq!(
        first["author"]["username"],
        json!(data::username(review.author))
    );
}

#[tokio::test]
async fn every_key_has_an_entity_resolver() {
    let running = start_local().await.expect("subgraphs start");
    let cases = [
        (Subgraph::Users, "User", "... on User { id name }"),
        (
            Subgraph::Products,
            "Product",
            "... on Product { id name price weight }",
        ),
        (Subgraph::Reviews, "Review", "... on Review { id rating }"),
        (
            Subgraph::Reviews,
            "User",
            "... on User { id reviews { id } }",
        ),
        (
            Subgraph::Reviews,
            "Product",
            "... on Product { id reviews { id } }",
        ),
        (
            Subgraph::Inventory,
            "Product",
            "... on Product { id quantityAvailable }",
        ),
    ];
    for (subgraph, typename, selection) in cases {
        let answer = post(
            running.url(subgraph).expect("running"),
            json!({
                "query": format!("query($r: [_Any!]!) {{ _entities(representations: $r) {{ {selection} }} }}"),
                "variables": { "r": [{ "__typename": typename, "id": "2" }] },
            }),
        )
        .await;
        assert_eq!(
            answer["data"]["_entities"][0]["id"],
            json!("2"),
            "{} {typename}: {answer}",
            subgraph.name()
        );
    }
}

#[tokio::test]
async fn deep_query_fetches_are_answered_recorded_and_replayed() {
    let running = start_local().await.expect("subgraphs start");
    let sdl = supergraph_sdl(&running.urls).expect("composes");
    let client = baseline::client().expect("client");
    let recording = baseline::record(&sdl, DEEP, None, &client)
        .await
        .expect("the deep query runs without errors");
    let services: std::collections::BTreeSet<&str> =
        recording.bodies.keys().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        services.into_iter().collect::<Vec<_>>(),
        ["inventory", "products", "reviews", "users"]
    );

    let response: Value = serde_json::from_slice(&recording.response).expect("JSON");
    let users = response["data"]["users"].as_array().expect("users");
    assert_eq!(users.len(), 5);
    let mut innermost = 0;
    for user in users {
        let id: usize = user["id"].as_str().expect("id").parse().expect("number");
        assert_eq!(user["username"], json!(data::username(id)));
        for review in user["reviews"].as_array().expect("reviews") {
            check_product(&review["product"]);
            for review in review["product"]["reviews"].as_array().expect("reviews") {
                let author = &review["author"];
                let author_id: usize = author["id"].as_str().expect("id").parse().expect("n");
                assert_eq!(author["username"], json!(data::username(author_id)));
                for review in author["reviews"].as_array().expect("reviews") {
                    check_product(&review["product"]);
                    innermost += 1;
                }
            }
        }
    }
    assert_eq!(innermost, 5 * 3 * 3 * 3);

    let replayer = baseline::Replayer::new(&recording, client).expect("replayable");
    replayer
        .replay()
        .await
        .expect("the recorded fetches replay");
}

fn check_product(product: &Value) {
    let id: usize = product["id"].as_str().expect("id").parse().expect("number");
    let expected = data().product(id).expect("known product");
    assert_eq!(product["name"], json!(expected.name));
    assert_eq!(product["price"], json!(expected.price));
    assert_eq!(product["inStock"], json!(expected.quantity > 0));
    assert_eq!(
        product["shippingEstimate"],
        json!(shipping_estimate(expected.price, expected.weight)),
        "{product}"
    );
}

#[tokio::test]
async fn baseline_server_replays_and_answers_the_recorded_response() {
    let running = start_local().await.expect("subgraphs start");
    let sdl = supergraph_sdl(&running.urls).expect("composes");
    let client = baseline::client().expect("client");
    let recording = baseline::record(&sdl, SMALL, None, &client)
        .await
        .expect("records");
    assert_eq!(recording.fetch_count(), 1);
    let expected = recording.response.clone();
    let replayer = baseline::Replayer::new(&recording, client).expect("replayable");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, baseline::app(replayer)).await });
    let answer = reqwest::Client::new()
        .post(format!("http://{addr}/graphql"))
        .body("{}")
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), 200);
    let body = answer.bytes().await.expect("body");
    assert_eq!(body, expected);
    let value: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(value["data"]["user"]["username"], json!("user001"));
}
