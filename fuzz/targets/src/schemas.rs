//! The schemas the targets fuzz against, compiled in so a target needs no files at run time.

macro_rules! fixture {
    ($name:literal) => {
        (
            concat!("router/planner/tests/fixtures/", $name, ".graphql"),
            include_str!(concat!(
                "../../../router/planner/tests/fixtures/",
                $name,
                ".graphql"
            )),
        )
    };
}

macro_rules! subgraph {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../schema/", $name, ".graphql")),
        )
    };
}

/// The composed supergraph served by the router (`schema/supergraph.graphql`).
pub const SUPERGRAPH: (&str, &str) = (
    "schema/supergraph.graphql",
    include_str!("../../../schema/supergraph.graphql"),
);

/// The real supergraph and the planner's fixture supergraphs: each shape the planner has tests for.
pub const SUPERGRAPHS: &[(&str, &str)] = &[
    SUPERGRAPH,
    fixture!("shop"),
    fixture!("abstract"),
    fixture!("interface_object"),
    fixture!("keys"),
    fixture!("override"),
    fixture!("requires"),
    fixture!("shareable"),
    fixture!("bench_shop"),
    fixture!("key_requirements"),
    fixture!("partial_members"),
    fixture!("interface_object_both_ways"),
];

/// The subgraphs' checked-in SDL (`schema/*.graphql`), the seeds of composition inputs.
pub const SUBGRAPHS: &[(&str, &str)] = &[
    subgraph!("users"),
    subgraph!("products"),
    subgraph!("inventory"),
    subgraph!("reviews"),
    subgraph!("carts"),
];
