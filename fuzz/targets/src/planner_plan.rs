//! Generated valid operations planned over the real supergraph and the planner's fixture
//! supergraphs (the first byte picks one), with a random set of enabled override labels.
//! A valid operation must plan, the same way twice.

use std::sync::{Arc, OnceLock};

use arbitrary::Unstructured;
use operation::Compiler;
use planner::{PlanError, PlanOptions, Planner};

use crate::{compiler, generate, load, schemas};

struct Target {
    path: &'static str,
    compiler: Compiler,
    planner: Planner,
    labels: Vec<String>,
}

fn targets() -> &'static [Target] {
    static TARGETS: OnceLock<Vec<Target>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        schemas::SUPERGRAPHS
            .iter()
            .map(|&(path, sdl)| {
                let supergraph = load((path, sdl));
                let compiler = compiler(&supergraph);
                let planner = Planner::new(Arc::new(supergraph));
                let labels = planner.override_labels();
                Target {
                    path,
                    compiler,
                    planner,
                    labels,
                }
            })
            .collect()
    })
}

pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let targets = targets();
    let Ok(target) = u.choose(targets) else {
        return;
    };
    let Ok(generated) = generate::operation(target.compiler.schema(), &mut u) else {
        return;
    };
    let mut options = PlanOptions::default();
    for label in &target.labels {
        if u.arbitrary::<bool>().unwrap_or(false) {
            options.enabled_override_labels.insert(label.clone());
        }
    }
    let text = &generated.text;
    let parsed = target.compiler.parse(text, None).unwrap_or_else(|e| {
        panic!(
            "{}: a generated operation is rejected: {e}\n{text}",
            target.path
        )
    });
    let operation = parsed.for_planner();
    if operation.selection_set.selections.is_empty() {
        return;
    }
    let input = planner::PreparedOperation::from_normalized(operation, target.compiler.schema())
        .unwrap_or_else(|e| panic!("{}: no planner input: {e}\n{text}", target.path));
    let plan = match target.planner.plan(&input.input(), &options) {
        Ok(plan) => plan,
        // In `keys.graphql` no key reaches the `legacy` subgraph's fields on purpose (the
        // planner's error test): composition would refuse such a supergraph.
        Err(PlanError::Unreachable { candidates, .. })
            if target.path.ends_with("keys.graphql") && candidates == "legacy" =>
        {
            return;
        }
        Err(e) => panic!(
            "{}: a valid operation does not plan: {e}\n{text}",
            target.path
        ),
    };
    let again = target
        .planner
        .plan(&input.input(), &options)
        .expect("planned once already");
    assert_eq!(
        plan, again,
        "{}: planning is not deterministic\n{text}",
        target.path
    );
    let _ = plan.to_string();
}
