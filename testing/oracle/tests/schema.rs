//! The monolith serves exactly the router's API schema (same types, fields, arguments and
//! defaults), so every operation valid against one is valid against the other.

use oracle::monolith::{Databases, Monolith};
use oracle::schema::{differences, facts};
use subgraph_kit::testing::TestDatabase;

#[tokio::test]
async fn monolith_sdl_equals_the_routers_api_schema() {
    let db = TestDatabase::sqlite().await;
    let monolith = Monolith::new(Databases {
        users: db.db.clone(),
        products: db.db.clone(),
        inventory: db.db.clone(),
        reviews: db.db.clone(),
        carts: db.db.clone(),
    });
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/supergraph.graphql");
    let supergraph = router_server::supergraph_source::load(&path).expect("the supergraph loads");
    let api = facts(&supergraph.api_sdl(), "API schema").expect("API schema parses");
    let mono = facts(&monolith.sdl(), "monolith").expect("monolith SDL parses");
    // Not vacuous: every type, field and argument of the shop is a fact.
    assert!(
        api.len() > 100,
        "only {} facts in the API schema",
        api.len()
    );
    let (only_api, only_monolith) = differences(&api, &mono);
    assert!(
        only_api.is_empty() && only_monolith.is_empty(),
        "only in the API schema:\n  {}\nonly in the monolith:\n  {}",
        only_api.join("\n  "),
        only_monolith.join("\n  ")
    );
}
