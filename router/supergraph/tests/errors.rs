mod common;

use common::{error, fixture, planner_fixture};

#[test]
fn reports_syntax_errors_with_line_and_column() {
    let sdl = planner_fixture("shop.graphql").replace("  body: String!\n", "  body String!\n");
    insta::assert_snapshot!(error(&sdl).to_string(), @"supergraph is not valid GraphQL: 108:8: syntax error: expected a type; 108:14: syntax error: expected a type; 108:14: syntax error: expected R_CURLY, got !; 108:14: syntax error: expected a StringValue, Name or OperationDefinition; 109:3: syntax error: expected definition; and 18 more");
}

#[test]
fn reports_unknown_graph_with_coordinate_and_location() {
    let sdl = planner_fixture("shop.graphql").replace(
        "@join__type(graph: REVIEWS, key: \"id\")\n{\n  id: ID!\n  body",
        "@join__type(graph: RATINGS, key: \"id\")\n{\n  id: ID!\n  body",
    );
    insta::assert_snapshot!(error(&sdl).to_string(), @"supergraph is not valid GraphQL: 105:22: value `RATINGS` does not exist on `join__Graph`");
}

#[test]
fn reports_invalid_key_field_set() {
    let sdl = planner_fixture("shop.graphql").replace(
        "@join__type(graph: CARTS, key: \"id\")\n{\n  id: ID!\n  user",
        "@join__type(graph: CARTS, key: \"id owner\")\n{\n  id: ID!\n  user",
    );
    insta::assert_snapshot!(error(&sdl).to_string(), @r#"
    @join__type(key: "id owner") on Cart at 48:3: invalid field set: 1:4: type `Cart` does not have a field `owner`
    "#);
}

#[test]
fn reports_invalid_requires_field_set() {
    let sdl = planner_fixture("shop.graphql").replace(
        "requires: \"price weight\"",
        "requires: \"price { amount }\"",
    );
    insta::assert_snapshot!(error(&sdl).to_string(), @r#"
    @join__field(requires: "price { amount }") on Product.shippingEstimate at 83:26: invalid field set: 1:1: field selection of scalar type `Int` must not have subselections
    "#);
}

#[test]
fn reports_unsupported_join_version() {
    let sdl = planner_fixture("shop.graphql").replace("join/v0.3", "join/v0.9");
    insta::assert_snapshot!(error(&sdl).to_string(), @"unsupported join spec version v0.9 at 3:3 (supported: v0.1 to v0.5)");
}

#[test]
fn reports_a_plain_schema_as_not_a_supergraph() {
    insta::assert_snapshot!(error("type Query { a: Int }").to_string(), @"not a supergraph: the schema has no @link (or @core) to the join spec (https://specs.apollo.dev/join/vX.Y)");
}

#[test]
fn reports_graph_enum_value_without_name() {
    let sdl = fixture("v02.graphql").replace(
        r#"REVIEWS @join__graph(name: "reviews", url: "http://reviews:4002/graphql")"#,
        "REVIEWS",
    );
    insta::assert_snapshot!(error(&sdl).to_string(), @"enum value join__Graph.REVIEWS at 28:3 has no @join__graph(name:) naming its subgraph");
}
