//! Test helpers: fixture loading and a compact, reviewable description of the model.
#![allow(dead_code)]

use std::fmt::Write;

use supergraph::{Supergraph, SupergraphError};

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn planner_fixture(name: &str) -> String {
    let path = format!(
        "{}/../planner/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn load(sdl: &str) -> Supergraph {
    Supergraph::parse(sdl, "supergraph.graphql").unwrap_or_else(|e| panic!("{e}"))
}

pub fn error(sdl: &str) -> SupergraphError {
    Supergraph::parse(sdl, "supergraph.graphql").expect_err("the supergraph is broken")
}

/// One line per subgraph, type-in-subgraph and field-in-subgraph.
pub fn describe(sg: &Supergraph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "join v{}", sg.join_version);
    for s in &sg.subgraphs {
        let _ = writeln!(
            out,
            "subgraph {} ({}) {}",
            s.name,
            s.enum_value,
            s.url.as_deref().unwrap_or("-")
        );
    }
    for t in sg.types.values() {
        if !t.is_composite() {
            continue;
        }
        for (graph, in_graph) in &t.graphs {
            let mut line = format!("{} in {}", t.name, sg.subgraph(*graph).name);
            for key in &in_graph.keys {
                let _ = write!(
                    line,
                    " key({}{})",
                    key.fields.text,
                    if key.resolvable { "" } else { ", unresolvable" }
                );
            }
            if in_graph.interface_object {
                line.push_str(" interfaceObject");
            }
            if !in_graph.implements.is_empty() {
                let _ = write!(line, " implements {}", in_graph.implements.join(" & "));
            }
            if !in_graph.union_members.is_empty() {
                let _ = write!(line, " members {}", in_graph.union_members.join(" | "));
            }
            let _ = writeln!(out, "{line}");
        }
        for f in t.fields.values() {
            let graphs: Vec<String> = f
                .graphs
                .iter()
                .map(|(g, x)| {
                    let mut s = sg.subgraph(*g).name.clone();
                    if x.ty != f.ty {
                        let _ = write!(s, ": {}", x.ty);
                    }
                    if x.external {
                        s.push_str(" external");
                    }
                    if let Some(r) = &x.requires {
                        let _ = write!(s, " requires({})", r.text);
                    }
                    if let Some(p) = &x.provides {
                        let _ = write!(s, " provides({})", p.text);
                    }
                    if let Some(o) = &x.override_from {
                        let _ = write!(s, " override({o})");
                    }
                    if let Some(l) = &x.override_label {
                        let _ = write!(s, " label({l})");
                    }
                    s
                })
                .collect();
            let _ = writeln!(
                out,
                "  {}.{}: {} <- [{}]",
                t.name,
                f.name,
                f.ty,
                graphs.join(", ")
            );
        }
    }
    out
}
