//! Merging and shaping a large answer: 1,000 products × 10 reviews, each with an author
//! (100 distinct users), through the real plan for
//! `{ topProducts { name price reviews { body author { username email } } } }`.
//! The transport hands out pre-built answers, so the figures are the executor's own work plus
//! one clone of each answer (measured separately as `clone_answers_only`).
//!
//! Times are the benchmark thread's CPU time (from `/proc/thread-self/schedstat`, wall time where
//! that is unavailable), so that other processes on a shared machine do not inflate them.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use executor::{Executor, FetchError, SubgraphRequest, SubgraphResponse, SubgraphTransport};
use operation::{Compiler, Config};
use planner::{PlanOptions, Planner};
use serde_json::{Map, Value, json};
use supergraph::Supergraph;

const PRODUCTS: usize = 1_000;
const REVIEWS: usize = 10;
const USERS: usize = 100;

/// The subgraph answers, already in the executor's value type (as the transport hands them
/// over after parsing).
struct Canned {
    products: executor::Value,
    reviews: executor::Value,
    users: executor::Value,
}

impl Canned {
    fn new() -> Self {
        let products: Vec<Value> = (0..PRODUCTS)
            .map(|i| json!({ "__typename": "Product", "upc": format!("upc-{i}"), "name": format!("Product {i}"), "price": i }))
            .collect();
        let reviews: Vec<Value> = (0..PRODUCTS)
            .map(|i| {
                let reviews: Vec<Value> = (0..REVIEWS)
                    .map(|r| {
                        let user = (i * REVIEWS + r) % USERS;
                        json!({ "body": format!("Review {r} of product {i}"),
                                "author": { "__typename": "User", "id": format!("user-{user}"), "username": format!("user{user}") } })
                    })
                    .collect();
                json!({ "reviews": reviews })
            })
            .collect();
        let users: Vec<Value> = (0..USERS)
            .map(|u| json!({ "email": format!("user{u}@example.com") }))
            .collect();
        Self {
            products: json!({ "topProducts": products }).into(),
            reviews: json!({ "_entities": reviews }).into(),
            users: json!({ "_entities": users }).into(),
        }
    }
}

#[async_trait::async_trait]
impl SubgraphTransport for Canned {
    async fn fetch(&self, request: SubgraphRequest<'_>) -> Result<SubgraphResponse, FetchError> {
        let data = match request.service_name {
            "products" => &self.products,
            "reviews" => &self.reviews,
            "users" => &self.users,
            other => {
                return Err(FetchError::UnknownService {
                    service: other.into(),
                });
            }
        };
        Ok(SubgraphResponse {
            data: Some(data.clone()),
            ..Default::default()
        })
    }
}

/// CPU time this thread has used, if the kernel tells.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs `routine` `iters` times; its CPU time (wall time without schedstat).
fn timed<T>(iters: u64, mut routine: impl FnMut() -> T) -> Duration {
    let (cpu, wall) = (thread_cpu(), Instant::now());
    for _ in 0..iters {
        black_box(routine());
    }
    match (cpu, thread_cpu()) {
        (Some(start), Some(end)) => end.saturating_sub(start),
        _ => wall.elapsed(),
    }
}

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../planner/tests/fixtures/shop.graphql"
    );
    let sdl = std::fs::read_to_string(path).expect("fixture exists");
    let supergraph = Supergraph::parse(&sdl, path).expect("fixture parses");
    let api_schema = Arc::new(supergraph.api_schema.clone());
    let compiler = Compiler::new(api_schema.clone(), Config::default());
    let planner = Planner::new(Arc::new(supergraph));
    let executor = Executor::new(api_schema);
    let query = "{ topProducts { name price reviews { body author { username email } } } }";
    let prepared = compiler
        .compile(query, None, &Map::new())
        .expect("valid operation");
    let input = planner::PreparedOperation::from_normalized(
        prepared.parsed().for_planner(),
        compiler.schema(),
    )
    .expect("plannable operation");
    let plan = planner
        .plan(&input.input(), &PlanOptions::default())
        .expect("plans");
    let transport = Canned::new();

    // Sanity: the answer is complete and error-free.
    let response = futures::executor::block_on(
        executor.execute_prepared(&compiler, &prepared, &plan, &transport),
    );
    assert!(response.errors.is_empty(), "{:?}", response.errors.first());
    assert_eq!(
        Value::from(response.data.clone().expect("data"))["topProducts"][PRODUCTS - 1]["reviews"]
            [REVIEWS - 1]["author"]["email"],
        "user99@example.com"
    );

    let mut group = c.benchmark_group("merge_and_shape");
    group.sample_size(20);
    group.bench_function("clone_answers_only", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                (
                    transport.products.clone(),
                    transport.reviews.clone(),
                    transport.users.clone(),
                )
            })
        })
    });
    group.bench_function("execute_1000x10", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                futures::executor::block_on(
                    executor.execute_prepared(&compiler, &prepared, &plan, &transport),
                )
            })
        })
    });
    group.bench_function("serialize_1000x10", |b| {
        b.iter_custom(|iters| timed(iters, || serde_json::to_vec(&response).expect("serializes")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
