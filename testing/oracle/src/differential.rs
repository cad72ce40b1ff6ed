//! The differential run: each generated operation goes to the router (over the five real
//! subgraphs) and to the monolith, and the two answers must be equal ([`compare`]). A
//! difference is minimized (selections, directives and fragment indirections cut while the
//! two still differ) and reported with the seed that replays it.

use std::time::{Duration, Instant};

use apollo_compiler::Schema;
use apollo_compiler::validation::Valid;
use futures::StreamExt;
use serde_json::{Value, json};

use crate::budget::Budget;
use crate::compare::{Divergence, compare};
use crate::generator::{Generator, Operation};
use crate::shape;
use crate::stack::Stack;

/// Most operations in flight at once (two cores: enough to keep both busy while requests wait
/// on SQLite and sockets).
const CONCURRENCY: usize = 8;
/// Differences minimized and printed in full; the rest are counted.
const REPORTED: usize = 5;
/// Most candidate operations one minimization tries.
const MINIMIZE_TRIES: usize = 2_000;

/// Both answers to one operation and how they differ.
#[derive(Debug, Clone)]
pub struct Answers {
    pub monolith: Value,
    pub router: Value,
    pub divergence: Option<Divergence>,
}

/// One operation the router answered differently from the monolith.
#[derive(Debug, Clone)]
pub struct Difference {
    /// Replays it: `ORACLE_SEED=<seed> ORACLE_OPERATIONS=1`.
    pub seed: u64,
    pub operation: Operation,
    /// The smallest cut of `operation` found that still differs, with its answers.
    pub minimized: Option<(Operation, Answers)>,
    pub answers: Answers,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub operations: u64,
    /// Operations whose expected answer has at least one error.
    pub with_errors: u64,
    /// Operations whose expected `data` is null (a root error propagated to the top).
    pub null_data: u64,
    /// Generated operations that did not validate (a generator bug: must stay 0).
    pub invalid: u64,
    pub differences: Vec<Difference>,
    pub elapsed: Duration,
}

/// Sends `operation` to both sides.
pub async fn answers(stack: &Stack, operation: &Operation) -> Answers {
    let query = operation.print();
    let variables = operation.variables();
    // Asked marked and shaped back: see [`crate::shape`] for why.
    let mut monolith = stack
        .monolith(&shape::marked(operation).print(), &variables)
        .await;
    if let Some(data) = monolith.get_mut("data") {
        *data = shape::shape(&stack.supergraph.api_schema, operation, data);
    }
    shape::dedupe_errors(&mut monolith);
    let router = match stack.router(&query, &variables).await {
        Ok(router) => router,
        // Kept as a value the comparison rejects, so it is minimized like any difference.
        Err(err) => json!({ "data": null, "errors": [{
            "message": err.to_string(), "extensions": { "code": "ORACLE_TRANSPORT" } }] }),
    };
    let divergence = compare(&monolith, &router).err();
    Answers {
        monolith,
        router,
        divergence,
    }
}

/// The smallest valid cut of `operation` that still differs (greedy: the first smaller
/// candidate that differs is kept, until none does).
pub async fn minimize(
    stack: &Stack,
    schema: &Valid<Schema>,
    operation: &Operation,
) -> Option<(Operation, Answers)> {
    let mut current: Option<(Operation, Answers)> = None;
    let mut tries = 0;
    let mut base = operation.clone();
    'shrink: loop {
        for candidate in base.smaller() {
            if tries >= MINIMIZE_TRIES {
                break 'shrink;
            }
            if !candidate.is_valid(schema) {
                continue;
            }
            tries += 1;
            let got = answers(stack, &candidate).await;
            if got.divergence.is_some() {
                base = candidate.clone();
                current = Some((candidate, got));
                continue 'shrink;
            }
        }
        break;
    }
    current
}

/// Runs `budget` operations of `generator` against `stack`.
pub async fn run(stack: &Stack, generator: &Generator<'_>, budget: Budget) -> Summary {
    let started = Instant::now();
    let deadline = budget.time.map(|time| started + time);
    let seeds = (0..budget.operations)
        .map(|i| budget.seed.wrapping_add(i))
        .take_while(|_| deadline.is_none_or(|deadline| Instant::now() < deadline));
    let mut summary = Summary::default();
    let mut results = futures::stream::iter(seeds)
        .map(|seed| async move {
            let operation = generator.operation(seed);
            if !operation.is_valid(generator.schema()) {
                return (seed, operation, None);
            }
            let got = answers(stack, &operation).await;
            (seed, operation, Some(got))
        })
        .buffer_unordered(CONCURRENCY);
    while let Some((seed, operation, got)) = results.next().await {
        summary.operations += 1;
        let Some(got) = got else {
            summary.invalid += 1;
            continue;
        };
        summary.count(&got);
        if got.divergence.is_some() {
            summary.differences.push(Difference {
                seed,
                operation,
                minimized: None,
                answers: got,
            });
        }
    }
    drop(results);
    summary
        .differences
        .sort_by_key(|difference| difference.seed);
    for difference in summary.differences.iter_mut().take(REPORTED) {
        difference.minimized = minimize(stack, generator.schema(), &difference.operation).await;
    }
    summary.elapsed = started.elapsed();
    summary
}

/// Runs `budget` mutations of `generator` against `stack` (started with
/// [`Stack::start_apart`]), one at a time, each followed by a generated query that reads the
/// state both sides now have. A mutation's seed replays only after the same mutations before
/// it, so differences are reported as found, not minimized.
pub async fn run_mutations(stack: &Stack, generator: &Generator<'_>, budget: Budget) -> Summary {
    let started = Instant::now();
    let deadline = budget.time.map(|time| started + time);
    let mut summary = Summary::default();
    for i in 0..budget.operations {
        if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
            break;
        }
        let seed = budget.seed.wrapping_add(i);
        for operation in [generator.mutation(seed), generator.operation(seed)] {
            summary.operations += 1;
            if !operation.is_valid(generator.schema()) {
                summary.invalid += 1;
                continue;
            }
            let got = answers(stack, &operation).await;
            summary.count(&got);
            if got.divergence.is_some() {
                summary.differences.push(Difference {
                    seed,
                    operation,
                    minimized: None,
                    answers: got,
                });
            }
        }
    }
    summary.elapsed = started.elapsed();
    summary
}

impl Summary {
    fn count(&mut self, got: &Answers) {
        if got.monolith.get("errors").is_some() {
            self.with_errors += 1;
        }
        if got.monolith.get("data").is_none_or(Value::is_null) {
            self.null_data += 1;
        }
    }

    /// The differences grouped by kind (the first line of each divergence, list indexes
    /// dropped), most frequent first, each with its count and its first seed.
    pub fn kinds(&self) -> Vec<(String, usize, u64)> {
        let mut kinds: Vec<(String, usize, u64)> = Vec::new();
        for difference in &self.differences {
            let text = difference
                .answers
                .divergence
                .as_ref()
                .map(|d| d.0.lines().next().unwrap_or_default().to_owned())
                .unwrap_or_default();
            let mut kind = String::with_capacity(text.len());
            let mut in_index = false;
            for c in text.chars() {
                match c {
                    '[' => {
                        in_index = true;
                        kind.push_str("[]");
                    }
                    ']' if in_index => in_index = false,
                    _ if in_index => {}
                    _ => kind.push(c),
                }
            }
            match kinds.iter_mut().find(|(existing, _, _)| *existing == kind) {
                Some((_, count, _)) => *count += 1,
                None => kinds.push((kind, 1, difference.seed)),
            }
        }
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        kinds
    }
}

impl Difference {
    /// The report printed when the run fails.
    pub fn report(&self) -> String {
        let (operation, answers) = match &self.minimized {
            Some((operation, answers)) => (operation, answers),
            None => (&self.operation, &self.answers),
        };
        let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap_or_default();
        format!(
            "seed {seed} (replay: ORACLE_SEED={seed} ORACLE_OPERATIONS=1)\n\
             difference: {divergence}\n\
             minimized operation:\n{query}variables: {variables}\n\
             monolith:\n{monolith}\nrouter:\n{router}\n\
             original operation:\n{original}variables: {original_variables}\n",
            seed = self.seed,
            divergence = answers
                .divergence
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            query = operation.print(),
            variables = operation.variables(),
            monolith = pretty(&answers.monolith),
            router = pretty(&answers.router),
            original = self.operation.print(),
            original_variables = self.operation.variables(),
        )
    }
}
