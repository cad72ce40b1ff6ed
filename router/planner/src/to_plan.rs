//! Turns the optimized fetch-dependency graph into plan nodes: groups in stages of the longest
//! dependency chain, each stage's fetches in `Parallel`, stages in `Sequence`.

use apollo_compiler::executable::VariableDefinition;
use apollo_compiler::{Name, Node};
use supergraph::Supergraph;

use crate::fetch_graph::{FetchGraph, Group};
use crate::plan::{FetchNode, OperationKind, PlanNode, Selection};
use crate::selection::{Item, Sel};

pub(crate) fn to_plan(
    sg: &Supergraph,
    fg: &FetchGraph,
    operation_name: Option<&str>,
    variables: &[Node<VariableDefinition>],
) -> Option<PlanNode> {
    let levels = fg.levels();
    let depth = levels.iter().copied().max()?;
    let mut counter = 0;
    let mut stages = Vec::new();
    for level in 0..=depth {
        let mut nodes = Vec::new();
        for (id, group) in fg.groups.iter().enumerate() {
            if levels[id] != level {
                continue;
            }
            let fetch = build_fetch(sg, group, counter, operation_name, variables);
            counter += 1;
            let mut node = PlanNode::Fetch(fetch);
            if group.entity {
                node = PlanNode::Flatten {
                    path: group.path.clone(),
                    node: Box::new(node),
                };
            }
            for (variable, expected) in group.conditions.iter().flatten().rev() {
                let boxed = Some(Box::new(node));
                node = PlanNode::Condition {
                    condition: variable.to_string(),
                    if_clause: if *expected { boxed.clone() } else { None },
                    else_clause: if *expected { None } else { boxed },
                };
            }
            nodes.push(node);
        }
        match nodes.len() {
            0 => {}
            1 => stages.extend(nodes),
            _ => stages.push(PlanNode::Parallel { nodes }),
        }
    }
    match stages.len() {
        0 => None,
        1 => stages.pop(),
        _ => Some(PlanNode::Sequence { nodes: stages }),
    }
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn build_fetch(
    sg: &Supergraph,
    group: &Group,
    index: usize,
    operation_name: Option<&str>,
    variables: &[Node<VariableDefinition>],
) -> FetchNode {
    let subgraph = &sg.subgraph(group.graph).name;
    let name = format!(
        "{}__{}__{index}",
        sanitize(operation_name.unwrap_or("Operation")),
        sanitize(subgraph)
    );
    let mut used: Vec<Name> = Vec::new();
    group.selection.collect_variables(&mut used);
    // Keep the client's declaration order.
    let used_definitions: Vec<&Node<VariableDefinition>> = variables
        .iter()
        .filter(|v| used.contains(&v.name))
        .collect();
    let mut definitions: Vec<String> = Vec::new();
    if group.entity {
        definitions.push("$representations: [_Any!]!".into());
    }
    for v in &used_definitions {
        let mut text = format!("${}: {}", v.name, v.ty);
        if let Some(default) = &v.default_value {
            text.push_str(&format!(" = {default}"));
        }
        definitions.push(text);
    }
    let keyword = match group.kind {
        OperationKind::Query => "query",
        OperationKind::Mutation => "mutation",
        OperationKind::Subscription => "subscription",
    };
    let mut operation = format!("{keyword} {name}");
    if !definitions.is_empty() {
        operation.push_str(&format!("({})", definitions.join(", ")));
    }
    operation.push(' ');
    if group.entity {
        operation.push_str("{ _entities(representations: $representations) ");
        group.selection.print_compact(&mut operation);
        operation.push_str(" }");
    } else {
        group.selection.print_compact(&mut operation);
    }
    FetchNode {
        service_name: subgraph.clone(),
        operation,
        operation_name: name,
        operation_kind: group.kind,
        variable_usages: used_definitions
            .iter()
            .map(|v| v.name.to_string())
            .collect(),
        requires: group.entity.then(|| to_selections(&group.requires)),
        input_rewrites: group.input_rewrites.clone(),
        output_rewrites: group.output_rewrites.clone(),
    }
}

fn to_selections(sel: &Sel) -> Vec<Selection> {
    sel.items
        .iter()
        .map(|item| match item {
            Item::Field(f) => Selection::Field {
                name: f.name.to_string(),
                alias: f.alias.as_ref().map(|a| a.to_string()),
                selections: f.sub.as_ref().map(to_selections),
            },
            Item::Fragment(f) => Selection::InlineFragment {
                type_condition: f.type_condition.as_ref().map(|t| t.to_string()),
                selections: to_selections(&f.sub),
            },
        })
        .collect()
}
