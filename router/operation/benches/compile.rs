//! Per-request cost of the operation layer: parse + validate (a parse-cache miss), and
//! variable coercion + normalization (paid on every request).

use criterion::{Criterion, criterion_group, criterion_main};
use operation::apollo_compiler::Schema;
use operation::{Compiler, Config};
use std::hint::black_box;
use std::sync::Arc;

const SHOP: &str = r#"
query Shop($first: Int = 5, $withReviews: Boolean!) {
  topProducts(first: $first) { ...ProductCard }
  me {
    username
    reviews @include(if: $withReviews) { body product { ...ProductCard } }
    cart { id }
  }
}
fragment ProductCard on Product { upc name price inStock reviews { body author { username } } }
"#;

fn compiler() -> Compiler {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../supergraph/tests/fixtures/v05.graphql"
    );
    let sdl = std::fs::read_to_string(path).expect("fixture");
    let supergraph = supergraph::Supergraph::parse(&sdl, path).expect("supergraph");
    let schema: Arc<operation::apollo_compiler::validation::Valid<Schema>> =
        Arc::new(supergraph.api_schema);
    Compiler::new(
        schema,
        Config {
            parse_cache_capacity: 0,
            ..Config::default()
        },
    )
}

fn bench(c: &mut Criterion) {
    let compiler = compiler();
    let variables = serde_json::Map::from_iter([("withReviews".to_owned(), true.into())]);
    let introspection = include_str!("../tests/fixtures/introspection_query.graphql");

    c.bench_function("parse_shop_query", |b| {
        b.iter(|| compiler.parse(black_box(SHOP), None).expect("valid"))
    });
    let parsed = compiler.parse(SHOP, None).expect("valid");
    c.bench_function("prepare_shop_query", |b| {
        b.iter(|| {
            compiler
                .prepare(black_box(&parsed), &variables)
                .expect("prepares")
        })
    });
    c.bench_function("parse_introspection_query", |b| {
        b.iter(|| {
            compiler
                .parse(black_box(introspection), None)
                .expect("valid")
        })
    });
    let prepared = compiler
        .compile(introspection, None, &serde_json::Map::new())
        .expect("valid");
    c.bench_function("answer_introspection_query", |b| {
        b.iter(|| compiler.introspect(black_box(&prepared)).expect("answers"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
