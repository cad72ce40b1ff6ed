//! Cold planning: a fresh planner state per iteration (no plan cache exists in the planner).

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use planner::apollo_compiler::ExecutableDocument;
use planner::{PlanOptions, Planner, PreparedOperation};
use supergraph::Supergraph;

fn load(name: &str) -> Planner {
    let path = format!(
        "{}/tests/fixtures/{name}.graphql",
        env!("CARGO_MANIFEST_DIR")
    );
    let sdl = std::fs::read_to_string(&path).expect("fixture");
    Planner::new(Arc::new(
        Supergraph::parse(&sdl, &path).expect("supergraph"),
    ))
}

fn prepare(planner: &Planner, query: &str) -> PreparedOperation {
    let document = ExecutableDocument::parse_and_validate(
        &planner.supergraph().api_schema,
        query,
        "q.graphql",
    )
    .expect("valid operation");
    PreparedOperation::from_document(&document, None).expect("operation")
}

const SMALL: &str = "{ me { username email } }";

/// Five subgraphs, fragments on an abstract type, requires, provides, override, nested lists.
const DEEP: &str = r#"
query Deep {
  me {
    username
    cart {
      items {
        quantity
        product { ...ProductParts }
      }
    }
    reviews {
      body
      author { username email }
      product { ...ProductParts }
    }
  }
  topProducts(first: 10) {
    ...ProductParts
    reviews { author { cart { id } } }
  }
  search(text: "phone") {
    __typename
    ... on Node { id }
    ... on Product { name inStock }
    ... on User { username reviews { body } }
  }
}
fragment ProductParts on Product { upc name price inStock shippingEstimate reviews { body } }
"#;

fn bench(c: &mut Criterion) {
    let shop = load("shop");
    let small = prepare(&shop, SMALL);
    let options = PlanOptions::default();
    c.bench_function("plan small query (shop)", |b| {
        b.iter(|| shop.plan(&small.input(), &options).expect("plan"))
    });

    let bench_shop = load("bench_shop");
    let deep = prepare(&bench_shop, DEEP);
    c.bench_function(
        "plan deep query over five subgraphs (fragments on abstract types)",
        |b| b.iter(|| bench_shop.plan(&deep.input(), &options).expect("plan")),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
