//! Sets of subgraph SDLs, structure-aware: each is a checked-in subgraph (`schema/`) or raw
//! bytes, then mutated line by line with federation-flavoured fragments. Composition must
//! answer (a supergraph or diagnostics, never a panic), and a supergraph it composes must load.

use arbitrary::{Result, Unstructured};
use supergraph::Supergraph;

use crate::schemas;

/// What mutations insert: the constructs composition has rules about.
const SNIPPETS: &[&str] = &[
    "type Account { id: ID! }",
    "type Account @key(fields: \"id\") { id: ID! name: String }",
    "type Empty {}",
    "type Empty",
    "union U =",
    "union U = User | Product",
    "union U",
    "enum E { A B }",
    "enum E { __A }",
    "enum E {}",
    "interface Node { id: ID! }",
    "interface Node @key(fields: \"id\") { id: ID! }",
    "input In { a: Int = 1 b: [String!]! }",
    "input In {}",
    "scalar S",
    "scalar S @specifiedBy(url: \"https://example.com\")",
    "extend type Query { extra: Int }",
    "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: [\"@key\"])",
    "type Query { __a: Int }",
    "type Query { node(id: ID!): Node }",
    "directive @custom on FIELD_DEFINITION",
    "directive @custom(a: Int) repeatable on OBJECT | FIELD_DEFINITION",
    "type __Reserved { a: Int }",
];

/// What mutations put at the end of a line: directives and field pieces.
const SUFFIXES: &[&str] = &[
    " @key(fields: \"id\")",
    " @key(fields: \"id\", resolvable: false)",
    " @key(fields: \"\")",
    " @key(fields: \"nope { id }\")",
    " @shareable",
    " @external",
    " @requires(fields: \"id\")",
    " @requires(fields: \"price { amount }\")",
    " @provides(fields: \"name\")",
    " @override(from: \"users\")",
    " @override(from: \"products\", label: \"percent(50)\")",
    " @inaccessible",
    " @interfaceObject",
    " @tag(name: \"x\")",
    " @authenticated",
    " @requiresScopes(scopes: [[\"a\"]])",
    " @policy(policies: [[\"p\"]])",
    " @deprecated(reason: \"old\")",
    " @composeDirective(name: \"@custom\")",
    " implements Node",
    " extra: Int",
    " extra(a: Int = 1): String!",
    "!",
    " {",
    " }",
    "",
];

const NAMES: &[&str] = &[
    "users",
    "products",
    "inventory",
    "reviews",
    "carts",
    "_",
    "a",
];

pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(subgraphs) = subgraphs(&mut u) else {
        return;
    };
    match composition::compose(&subgraphs) {
        Ok(supergraph) => {
            if let Err(error) = Supergraph::parse(&supergraph.sdl, "composed.graphql") {
                let inputs: Vec<_> = subgraphs
                    .iter()
                    .map(|s| format!("# {}\n{}", s.name, s.sdl))
                    .collect();
                panic!(
                    "a composed supergraph does not load: {error}\ninputs:\n{}\noutput:\n{}",
                    inputs.join("\n"),
                    supergraph.sdl
                );
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a failure without diagnostics");
            let _ = composition::render(&diagnostics);
        }
    }
}

fn subgraphs(u: &mut Unstructured<'_>) -> Result<Vec<composition::SubgraphSdl>> {
    let count = u.int_in_range(1..=5)?;
    let mut out = Vec::new();
    for i in 0..count {
        let (name, sdl) = if u.ratio(1, 8)? {
            let name = u.choose(NAMES)?.to_string();
            let sdl: &str = u.arbitrary()?;
            (name, sdl.to_string())
        } else {
            let (name, seed) = *u.choose(schemas::SUBGRAPHS)?;
            (name.to_string(), mutate(u, seed)?)
        };
        // Mostly distinct names, sometimes a clash on purpose.
        let name = if u.ratio(1, 16)? {
            name
        } else {
            format!("{name}{i}")
        };
        out.push(composition::SubgraphSdl::new(
            name,
            "http://localhost:4000/graphql",
            sdl,
        ));
    }
    Ok(out)
}

fn mutate(u: &mut Unstructured<'_>, seed: &str) -> Result<String> {
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    let mutations = u.int_in_range(0..=6)?;
    for _ in 0..mutations {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let at = u.choose_index(lines.len())?;
        match u.int_in_range(0..=6)? {
            0 => {
                lines.remove(at);
            }
            1 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            2 => lines.insert(at, u.choose(SNIPPETS)?.to_string()),
            3 => lines[at].push_str(u.choose(SUFFIXES)?),
            4 => {
                let other = u.choose_index(lines.len())?;
                lines.swap(at, other);
            }
            5 => {
                // Delete a block: a whole definition, or its body.
                let end = (at + u.int_in_range(1..=12)?).min(lines.len());
                lines.drain(at..end);
            }
            _ => {
                let word = u.choose(NAMES)?;
                let line = &mut lines[at];
                let cut = (0..=line.len())
                    .filter(|i| line.is_char_boundary(*i))
                    .nth(u.int_in_range(0..=line.len())?)
                    .unwrap_or(line.len());
                line.insert_str(cut, word);
            }
        }
    }
    Ok(lines.join("\n"))
}
