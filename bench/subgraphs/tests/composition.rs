//! The bench subgraphs compose, the supergraph loads, and the benchmark's queries plan the way
//! the benchmark relies on (every subgraph, `@requires` and `@provides` honoured).

use std::sync::Arc;

use bench_subgraphs::{Subgraph, supergraph_sdl};
use planner::apollo_compiler::ExecutableDocument;
use planner::{PlanNode, PlanOptions, Planner, PreparedOperation, QueryPlan};
use supergraph::Supergraph;

const DEEP: &str = include_str!("../../queries/deep.graphql");
const SMALL: &str = include_str!("../../queries/small.graphql");

fn urls() -> Vec<(Subgraph, String)> {
    Subgraph::ALL
        .into_iter()
        .map(|s| (s, format!("http://{}.bench/graphql", s.name())))
        .collect()
}

fn plan(supergraph: Supergraph, query: &str) -> QueryPlan {
    let document =
        ExecutableDocument::parse_and_validate(&supergraph.api_schema, query, "q.graphql")
            .expect("the query validates against the API schema");
    let prepared = PreparedOperation::from_document(&document, None).expect("one operation");
    Planner::new(Arc::new(supergraph))
        .plan(&prepared.input(), &PlanOptions::default())
        .expect("the query plans")
}

fn fetches(node: &PlanNode, out: &mut Vec<planner::FetchNode>) {
    match node {
        PlanNode::Fetch(fetch) => out.push(fetch.clone()),
        PlanNode::Flatten { node, .. } => fetches(node, out),
        PlanNode::Sequence { nodes } | PlanNode::Parallel { nodes } => {
            nodes.iter().for_each(|n| fetches(n, out))
        }
        PlanNode::Condition {
            if_clause,
            else_clause,
            ..
        } => [if_clause, else_clause]
            .into_iter()
            .flatten()
            .for_each(|n| fetches(n, out)),
    }
}

#[test]
fn subgraph_sdl_declares_requires_and_provides() {
    let inventory = Subgraph::Inventory.sdl();
    assert!(
        inventory.contains("shippingEstimate: Int! @requires(fields: \"price weight\")"),
        "{inventory}"
    );
    let reviews = Subgraph::Reviews.sdl();
    assert!(
        reviews.contains("author: User! @provides(fields: \"username\")"),
        "{reviews}"
    );
    assert!(reviews.contains("username: String! @external"), "{reviews}");
}

#[test]
fn supergraph_composes_and_loads_with_every_subgraph_url() {
    let sdl = supergraph_sdl(&urls()).expect("the bench subgraphs compose");
    let supergraph = Supergraph::parse(&sdl, "bench").expect("the supergraph loads");
    let mut routed: Vec<(String, Option<String>)> = supergraph
        .subgraphs
        .iter()
        .map(|s| (s.name.clone(), s.url.clone()))
        .collect();
    routed.sort();
    assert_eq!(
        routed,
        vec![
            (
                "inventory".into(),
                Some("http://inventory.bench/graphql".into())
            ),
            (
                "products".into(),
                Some("http://products.bench/graphql".into())
            ),
            (
                "reviews".into(),
                Some("http://reviews.bench/graphql".into())
            ),
            ("users".into(), Some("http://users.bench/graphql".into())),
        ]
    );
}

#[test]
fn composition_needs_every_url() {
    let mut urls = urls();
    urls.retain(|(s, _)| *s != Subgraph::Reviews);
    assert!(supergraph_sdl(&urls).is_err());
}

#[test]
fn deep_query_plans_across_all_subgraphs_with_requires_and_provides() {
    let sdl = supergraph_sdl(&urls()).expect("composes");
    let supergraph = Supergraph::parse(&sdl, "bench").expect("loads");
    let plan = plan(supergraph, DEEP);
    let mut all = Vec::new();
    fetches(
        plan.node.as_ref().expect("the deep query fetches"),
        &mut all,
    );
    let services: std::collections::BTreeSet<&str> =
        all.iter().map(|f| f.service_name.as_str()).collect();
    assert_eq!(
        services.into_iter().collect::<Vec<_>>(),
        ["inventory", "products", "reviews", "users"],
        "{plan}"
    );
    // `username` of review authors comes from reviews (@provides): users is asked only for the
    // root list.
    let users: Vec<_> = all.iter().filter(|f| f.service_name == "users").collect();
    assert_eq!(users.len(), 1, "{plan}");
    assert!(users[0].requires.is_none(), "{plan}");
    // shippingEstimate: inventory gets price and weight in its representations (@requires).
    let inventory: Vec<_> = all
        .iter()
        .filter(|f| f.service_name == "inventory")
        .collect();
    assert!(!inventory.is_empty(), "{plan}");
    for fetch in inventory {
        let requires = serde_json::to_string(&fetch.requires).expect("serializes");
        assert!(
            requires.contains("\"price\"") && requires.contains("\"weight\""),
            "{plan}"
        );
        assert!(fetch.operation.contains("shippingEstimate"), "{plan}");
    }
}

#[test]
fn small_query_is_one_fetch_to_users() {
    let sdl = supergraph_sdl(&urls()).expect("composes");
    let supergraph = Supergraph::parse(&sdl, "bench").expect("loads");
    let plan = plan(supergraph, SMALL);
    let mut all = Vec::new();
    fetches(plan.node.as_ref().expect("fetches"), &mut all);
    assert_eq!(all.len(), 1, "{plan}");
    assert_eq!(all[0].service_name, "users");
}
