//! The search stays bounded: operations that offer a choice at every level plan without
//! running into the work limit, and the choice below a few levels of trials is the first
//! candidate that works rather than a comparison of all of them.

mod common;

use common::{plan_with, planner};

fn chain(depth: usize) -> String {
    let mut query = String::from("label");
    for _ in 0..depth {
        query = format!("label next {{ {query} }}");
    }
    format!("{{ first {{ {query} }} }}")
}

#[test]
fn shareable_field_chosen_at_every_level_of_a_deep_chain_plans_within_the_work_limit() {
    let planner = planner("chain");
    let plan = plan_with(&planner, &chain(16), &[]);
    // One root fetch for the whole chain of links, then each level's label from c.
    let text = plan.to_string();
    assert_eq!(text.matches("Fetch(").count(), 18, "{text}");
    assert_eq!(text.matches("Fetch(service: \"c\")").count(), 17, "{text}");
}

#[test]
fn many_aliases_of_a_shareable_root_field_plan_within_the_work_limit() {
    let planner = planner("candidates");
    let fields: Vec<String> = (0..60)
        .map(|i| format!("s{i}: settings {{ label detail theme }}"))
        .collect();
    let plan = plan_with(&planner, &format!("{{ {} }}", fields.join(" ")), &[]);
    // Every alias splits the same way, sharing one root fetch per subgraph.
    let text = plan.to_string();
    assert_eq!(text.matches("Fetch(").count(), 2, "{text}");
}
