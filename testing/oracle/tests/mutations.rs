//! The router answers generated mutations as the monolith does (issue 14), each side over its
//! own copy of the seed data, so both see the same state after every mutation: the cart,
//! orders and reviews a mutation changes, read back by the query after it. CI runs
//! [`MUTATIONS`]; `ORACLE_MUTATIONS` and `ORACLE_SEED` change it (docs/oracle.md).

use oracle::budget::Budget;
use oracle::differential::run_mutations;
use oracle::generator::{Exclusions, Generator};
use oracle::stack::{SEED_SIZE, Stack};

/// Mutations in a CI run (each followed by one query).
const MUTATIONS: u64 = 300;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn router_answers_mutations_as_the_monolith_does() {
    let seed = Budget::from_env().expect("ORACLE_* variables").seed;
    let operations = match std::env::var("ORACLE_MUTATIONS") {
        Ok(value) => value.trim().parse().expect("ORACLE_MUTATIONS is a number"),
        Err(_) => MUTATIONS,
    };
    let budget = Budget {
        operations,
        seed,
        time: None,
    };
    let stack = Stack::start_apart().await;
    let generator = Generator::new(&stack.supergraph.api_schema, SEED_SIZE, Exclusions::OPEN)
        .without_timestamps();
    let summary = run_mutations(&stack, &generator, budget).await;
    eprintln!(
        "oracle: {} mutations and queries from seed {seed} in {:.1?} ({} with errors, {} with null data, {} invalid, {} differing)",
        summary.operations,
        summary.elapsed,
        summary.with_errors,
        summary.null_data,
        summary.invalid,
        summary.differences.len()
    );
    assert_eq!(summary.invalid, 0, "the generator made invalid operations");
    // A run where (nearly) every mutation failed would prove little about the state they
    // change.
    assert!(
        summary.with_errors < summary.operations * 3 / 4,
        "{} of {} operations failed",
        summary.with_errors,
        summary.operations
    );
    if let Some(first) = summary.differences.first() {
        for difference in summary.differences.iter().take(3) {
            eprintln!("---\n{}", difference.report());
        }
        panic!(
            "{} of {} answered differently; the first at seed {} (a mutation's seed replays only after the same mutations before it: rerun from ORACLE_SEED={seed})",
            summary.differences.len(),
            summary.operations,
            first.seed
        );
    }
}
