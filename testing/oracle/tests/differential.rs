//! The router answers every generated operation as the monolith does (issue 14). CI runs the
//! fixed budget; `ORACLE_OPERATIONS`, `ORACLE_SEED` and `ORACLE_SECONDS` make it longer (see
//! docs/oracle.md).

use oracle::budget::Budget;
use oracle::differential::run;
use oracle::generator::{Exclusions, Generator};
use oracle::stack::{SEED_SIZE, Stack};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn router_answers_as_the_monolith_does() {
    let budget = Budget::from_env().expect("ORACLE_* variables");
    let stack = Stack::start().await;
    let generator = Generator::new(&stack.supergraph.api_schema, SEED_SIZE, Exclusions::OPEN);
    let summary = run(&stack, &generator, budget).await;
    eprintln!(
        "oracle: {} operations from seed {} in {:.1?} ({} with errors, {} with null data, {} invalid, {} differing)",
        summary.operations,
        budget.seed,
        summary.elapsed,
        summary.with_errors,
        summary.null_data,
        summary.invalid,
        summary.differences.len()
    );
    assert_eq!(summary.invalid, 0, "the generator made invalid operations");
    if !summary.differences.is_empty() {
        for (kind, count, seed) in summary.kinds().iter().take(30) {
            eprintln!("{count:5}  (seed {seed})  {kind}");
        }
        for difference in summary.differences.iter().take(5) {
            eprintln!("---\n{}", difference.report());
        }
        let seeds: Vec<u64> = summary.differences.iter().map(|d| d.seed).collect();
        panic!(
            "{} of {} operations answered differently; seeds: {seeds:?}",
            summary.differences.len(),
            summary.operations
        );
    }
}
