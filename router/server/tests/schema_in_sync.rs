//! The checked-in `schema/supergraph.graphql` is what composing `schema/supergraph.yaml` gives,
//! and the router can load and plan it.

use std::path::PathBuf;
use std::sync::Arc;

use planner::apollo_compiler::ExecutableDocument;
use planner::{PlanOptions, Planner, PreparedOperation};

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema")
}

fn checked_in_supergraph() -> String {
    std::fs::read_to_string(schema_dir().join("supergraph.graphql"))
        .expect("schema/supergraph.graphql is checked in")
}

#[tokio::test]
async fn checked_in_supergraph_matches_composition_of_the_subgraph_schemas() {
    let composed = composition::compose_from_config(&schema_dir().join("supergraph.yaml"))
        .await
        .unwrap_or_else(|e| panic!("schema/supergraph.yaml does not compose:\n{e}"));
    assert!(
        composed.sdl == checked_in_supergraph(),
        "schema/supergraph.graphql is stale; regenerate it with\n  \
         cargo run -p router -- compose --config schema/supergraph.yaml --output schema/supergraph.graphql"
    );
}

#[test]
fn checked_in_supergraph_plans_a_query_across_all_five_subgraphs() {
    let supergraph = supergraph::Supergraph::parse(&checked_in_supergraph(), "supergraph.graphql")
        .expect("the checked-in supergraph loads");
    let planner = Planner::new(Arc::new(supergraph));
    let query = r#"
        query CartPage($user: ID!) {
          user(id: $user) {
            username
            cart {
              items {
                quantity
                product { name price inStock shippingEstimate reviews(first: 2) { rating author { username } } }
              }
            }
          }
        }"#;
    let document = ExecutableDocument::parse_and_validate(
        &planner.supergraph().api_schema,
        query,
        "q.graphql",
    )
    .expect("valid against the API schema");
    let prepared = PreparedOperation::from_document(&document, None).expect("one operation");
    let plan = planner
        .plan(&prepared.input(), &PlanOptions::default())
        .expect("plans");
    let text = plan.to_string();
    for service in ["users", "carts", "products", "inventory", "reviews"] {
        assert!(
            text.contains(&format!("Fetch(service: \"{service}\")")),
            "no fetch from {service} in\n{text}"
        );
    }
    // shippingEstimate needs price and weight from products in inventory's representations.
    assert!(
        text.contains("price") && text.contains("weight"),
        "requires fields missing:\n{text}"
    );
    // author.username is provided by reviews: no fetch from users below reviews.
    let after_reviews = text
        .split("Fetch(service: \"reviews\")")
        .nth(1)
        .unwrap_or("");
    assert!(
        !after_reviews.contains("Fetch(service: \"users\")"),
        "username should come from reviews' @provides:\n{text}"
    );
}
