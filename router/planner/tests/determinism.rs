mod common;

use common::{plan_with, planner};

#[test]
fn plans_the_same_operation_identically_every_time() {
    let planner = planner("shop");
    let query = r#"query Q($r: Boolean!) {
        topProducts { name shippingEstimate inStock reviews @include(if: $r) { author { username email } } }
        me { cart { items { product { name } } } }
    }"#;
    let first = plan_with(&planner, query, &[]);
    for _ in 0..20 {
        assert_eq!(plan_with(&planner, query, &[]), first);
    }
    // A fresh planner (new query graph) plans it identically too.
    assert_eq!(plan_with(&common::planner("shop"), query, &[]), first);
}
