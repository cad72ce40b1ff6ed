//! What the router does for a request before its subgraph fetches, on the load benchmark's
//! deep query (`bench/queries/deep.graphql` over the bench subgraphs' supergraph):
//!
//! - `cache hit`: the server's whole per-request preparation of an operation it has seen
//!   (`pipeline::ready`: parse-cache lookup, variable coercion, authorization, plan-cache
//!   lookup);
//!   the target is under 10 µs.
//! - `plan cold`: planning the normalized operation with no plan cache (the planner alone;
//!   target under 1 ms), and parse + validate + normalize + plan with no cache at all.

use std::sync::Arc;

use bench_subgraphs::Subgraph;
use criterion::{Criterion, criterion_group, criterion_main};
use planner::{PlanOptions, PreparedOperation};
use router_server::pipeline::{self, GraphQLRequest, Method, RequestContext};
use router_server::{RouterConfig, RouterState};
use serde_json::{Map, json};
use std::hint::black_box;

const DEEP: &str = include_str!("../../../bench/queries/deep.graphql");

/// The deep query with variables: an argument and an `@include` condition.
const DEEP_WITH_VARIABLES: &str = r#"
query DeepVars($first: Int!, $withProducts: Boolean!) {
  users(first: $first) {
    id name username
    reviews(first: 3) {
      id rating body
      product @include(if: $withProducts) {
        id name price inStock shippingEstimate
        reviews(first: 3) { id body author { id username } }
      }
    }
  }
}
"#;

fn state() -> RouterState {
    // Nothing is fetched: the URLs only have to parse.
    let urls: Vec<(Subgraph, String)> = Subgraph::ALL
        .into_iter()
        .map(|s| (s, format!("http://127.0.0.1:9/{}", s.name())))
        .collect();
    let sdl = bench_subgraphs::supergraph_sdl(&urls).expect("the bench subgraphs compose");
    let supergraph =
        router_server::supergraph_source::parse(&sdl, "bench").expect("the supergraph loads");
    RouterState::new(supergraph, Arc::new(RouterConfig::default())).expect("router state")
}

fn request(query: &str, variables: serde_json::Value) -> GraphQLRequest {
    GraphQLRequest {
        query: query.to_owned(),
        operation_name: None,
        variables: match variables {
            serde_json::Value::Object(map) => map,
            _ => Map::new(),
        },
        extensions: Map::new(),
        ..GraphQLRequest::default()
    }
}

fn context() -> RequestContext {
    RequestContext {
        method: Method::Post,
        headers: Default::default(),
        want_plan: false,
        operation_name: Default::default(),
        claims: None,
    }
}

fn bench(c: &mut Criterion) {
    let state = state();
    let context = context();

    let deep = request(DEEP, json!({}));
    pipeline::ready(&state, &deep, &context).expect("the deep query prepares");
    c.bench_function("cache hit: deep query", |b| {
        b.iter(|| pipeline::ready(&state, black_box(&deep), &context).expect("prepares"))
    });

    let with_variables = request(
        DEEP_WITH_VARIABLES,
        json!({ "first": 5, "withProducts": true }),
    );
    pipeline::ready(&state, &with_variables, &context).expect("prepares");
    c.bench_function("cache hit: deep query with variables", |b| {
        b.iter(|| pipeline::ready(&state, black_box(&with_variables), &context).expect("prepares"))
    });

    let parsed = state.compiler.parse(DEEP, None).expect("valid");
    let input =
        PreparedOperation::from_normalized(parsed.for_planner(), &state.supergraph.api_schema)
            .expect("plannable");
    let options = PlanOptions::default();
    c.bench_function("plan cold: deep query (planner only)", |b| {
        b.iter(|| {
            state
                .planner
                .plan(black_box(&input.input()), &options)
                .expect("plans")
        })
    });

    let uncached = operation::Compiler::new(
        Arc::new(state.supergraph.api_schema.clone()),
        operation::Config {
            parse_cache_capacity: 0,
            ..operation::Config::default()
        },
    );
    c.bench_function(
        "cold: deep query parse + validate + normalize + plan",
        |b| {
            b.iter(|| {
                let parsed = uncached.parse(black_box(DEEP), None).expect("valid");
                let input = PreparedOperation::from_normalized(
                    parsed.for_planner(),
                    &state.supergraph.api_schema,
                )
                .expect("plannable");
                state.planner.plan(&input.input(), &options).expect("plans")
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
