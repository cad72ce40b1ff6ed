//! `@skip`/`@include` with variables: `Condition` nodes run the right branch and the response
//! leaves out what was skipped.

mod common;

use common::{Subgraphs, harness};
use executor::ExecutionRequest;
use planner::{FetchNode, OperationKind, PlanNode, QueryPlan};
use serde_json::json;

fn shop_subgraphs() -> Subgraphs {
    Subgraphs::new()
        .root(
            "products",
            json!({ "topProducts": [{ "__typename": "Product", "upc": "1", "name": "A" }] }),
        )
        .root(
            "users",
            json!({ "me": { "__typename": "User", "id": "u1", "username": "ann" } }),
        )
        .entities(
            "inventory",
            |_| json!({ "__typename": "Product", "inStock": true }),
        )
}

#[tokio::test]
async fn include_false_leaves_out_the_field_and_its_fetch() {
    let h = harness("shop");
    let query = "query($x: Boolean!) { topProducts { name inStock @include(if: $x) } }";
    let off = shop_subgraphs();
    let response = h.run(query, json!({ "x": false }), &off).await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [{ "name": "A" }] } })
    );
    assert!(off.requests_to("inventory").is_empty());

    let on = shop_subgraphs();
    let response = h.run(query, json!({ "x": true }), &on).await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [{ "name": "A", "inStock": true }] } })
    );
    assert_eq!(on.requests_to("inventory").len(), 1);
}

#[tokio::test]
async fn skip_on_a_root_field_and_on_a_fragment() {
    let h = harness("shop");
    let query = "query($s: Boolean!) { me @skip(if: $s) { username } topProducts { ... on Product @skip(if: $s) { upc } name } }";
    let subgraphs = shop_subgraphs();
    let response = h.run(query, json!({ "s": true }), &subgraphs).await;
    assert_eq!(
        response,
        json!({ "data": { "topProducts": [{ "name": "A" }] } })
    );
    assert!(subgraphs.requests_to("users").is_empty());

    let subgraphs = shop_subgraphs();
    let response = h.run(query, json!({ "s": false }), &subgraphs).await;
    assert_eq!(
        response,
        json!({ "data": { "me": { "username": "ann" }, "topProducts": [{ "upc": "1", "name": "A" }] } })
    );
}

fn fetch(service: &str) -> PlanNode {
    PlanNode::Fetch(FetchNode {
        service_name: service.into(),
        operation: "{ me { username } }".into(),
        operation_name: format!("Op__{service}"),
        operation_kind: OperationKind::Query,
        variable_usages: Vec::new(),
        requires: None,
        input_rewrites: Vec::new(),
        output_rewrites: Vec::new(),
    })
}

#[tokio::test]
async fn condition_nodes_run_the_branch_the_variable_selects() {
    let h = harness("shop");
    // The variables go straight to the executor: the plan is hand-built around them.
    let (prepared, _) = h.prepare("{ me { username } }", json!({}));
    let plan = QueryPlan {
        node: Some(PlanNode::Condition {
            condition: "flag".into(),
            if_clause: Some(Box::new(fetch("users"))),
            else_clause: Some(Box::new(fetch("carts"))),
        }),
    };
    for (flag, service) in [(true, "users"), (false, "carts")] {
        let variables = json!({ "flag": flag });
        let subgraphs = Subgraphs::new()
            .root("users", json!({ "me": { "username": "from users" } }))
            .root("carts", json!({ "me": { "username": "from carts" } }));
        let response = h
            .executor
            .execute(
                ExecutionRequest {
                    plan: &plan,
                    operation: prepared.normalized(),
                    variables: variables.as_object().expect("object"),
                    introspection: None,
                },
                &subgraphs,
            )
            .await;
        let requests = subgraphs.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].service, service);
        assert_eq!(
            serde_json::to_value(&response).expect("serializes"),
            json!({ "data": { "me": { "username": format!("from {service}") } } })
        );
    }
}

#[tokio::test]
async fn fetches_receive_only_the_variables_they_use() {
    let h = harness("shop");
    let subgraphs = Subgraphs::new()
        .root(
            "products",
            json!({ "product": { "__typename": "Product", "upc": "1", "name": "A" } }),
        )
        .root(
            "users",
            json!({ "user": { "__typename": "User", "id": "u", "username": "ann" } }),
        );
    let response = h
        .run(
            "query($upc: String!, $id: ID!) { product(upc: $upc) { name } user(id: $id) { username } }",
            json!({ "upc": "1", "id": "u" }),
            &subgraphs,
        )
        .await;
    assert_eq!(
        response,
        json!({ "data": { "product": { "name": "A" }, "user": { "username": "ann" } } })
    );
    assert_eq!(
        subgraphs.requests_to("products")[0].variables,
        *json!({ "upc": "1" }).as_object().expect("object")
    );
    assert_eq!(
        subgraphs.requests_to("users")[0].variables,
        *json!({ "id": "u" }).as_object().expect("object")
    );
}

#[tokio::test]
async fn skip_and_include_still_in_the_operation_are_evaluated_when_shaping() {
    use operation::apollo_compiler::{Node, ast, name};
    let h = harness("shop");
    let (prepared, plan) = h.prepare("{ me { id username } }", json!({}));
    let mut operation = prepared.normalized().clone();
    let directive = |directive, variable| {
        Node::new(ast::Directive {
            name: directive,
            arguments: vec![Node::new(ast::Argument {
                name: name!("if"),
                value: Node::new(ast::Value::Variable(variable)),
            })],
        })
    };
    let operation::Selection::Field(me) = &mut operation.selection_set.selections[0] else {
        panic!("me is a field");
    };
    let fields = &mut me.selection_set.as_mut().expect("me has fields").selections;
    if let operation::Selection::Field(id) = &mut fields[0] {
        id.directives.push(directive(name!("skip"), name!("s")));
    }
    if let operation::Selection::Field(username) = &mut fields[1] {
        username
            .directives
            .push(directive(name!("include"), name!("i")));
    }
    let subgraphs = shop_subgraphs();
    for (variables, expected) in [
        (
            json!({ "s": true, "i": true }),
            json!({ "username": "ann" }),
        ),
        (json!({ "s": false, "i": false }), json!({ "id": "u1" })),
    ] {
        let response = h
            .executor
            .execute(
                ExecutionRequest {
                    plan: &plan,
                    operation: &operation,
                    variables: variables.as_object().expect("object"),
                    introspection: None,
                },
                &subgraphs,
            )
            .await;
        assert_eq!(
            serde_json::to_value(&response).expect("serializes"),
            json!({ "data": { "me": expected } })
        );
    }
}
