//! The text form of plans (the same shape as Apollo's printed plans).

use std::fmt::{self, Write};

use apollo_compiler::ast;

use crate::plan::{FetchNode, PathSegment, PlanNode, QueryPlan, Selection};

impl fmt::Display for QueryPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::from("QueryPlan {\n");
        if let Some(node) = &self.node {
            write_node(node, 1, &mut out);
        }
        out.push('}');
        f.write_str(&out)
    }
}

impl fmt::Display for PlanNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_node(self, 0, &mut out);
        f.write_str(&out)
    }
}

fn indent(level: usize, out: &mut String) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

pub(crate) fn path_text(path: &[PathSegment]) -> String {
    path.iter()
        .map(|segment| match segment {
            PathSegment::Field(name) => name.as_str(),
            PathSegment::List => "@",
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn write_node(node: &PlanNode, level: usize, out: &mut String) {
    indent(level, out);
    match node {
        PlanNode::Fetch(fetch) => write_fetch(fetch, level, out),
        PlanNode::Flatten { path, node } => {
            let _ = writeln!(out, "Flatten(path: \"{}\") {{", path_text(path));
            write_node(node, level + 1, out);
            indent(level, out);
            out.push_str("},\n");
        }
        PlanNode::Sequence { nodes } | PlanNode::Parallel { nodes } => {
            out.push_str(if matches!(node, PlanNode::Sequence { .. }) {
                "Sequence {\n"
            } else {
                "Parallel {\n"
            });
            for child in nodes {
                write_node(child, level + 1, out);
            }
            indent(level, out);
            out.push_str("},\n");
        }
        PlanNode::Condition {
            condition,
            if_clause,
            else_clause,
        } => match (if_clause, else_clause) {
            (Some(then), None) => {
                let _ = writeln!(out, "Include(if: ${condition}) {{");
                write_node(then, level + 1, out);
                indent(level, out);
                out.push_str("},\n");
            }
            (None, Some(otherwise)) => {
                let _ = writeln!(out, "Skip(if: ${condition}) {{");
                write_node(otherwise, level + 1, out);
                indent(level, out);
                out.push_str("},\n");
            }
            (then, otherwise) => {
                let _ = writeln!(out, "Condition(if: ${condition}) {{");
                for (label, clause) in [("Then", then), ("Else", otherwise)] {
                    if let Some(clause) = clause {
                        indent(level + 1, out);
                        let _ = writeln!(out, "{label} {{");
                        write_node(clause, level + 2, out);
                        indent(level + 1, out);
                        out.push_str("},\n");
                    }
                }
                indent(level, out);
                out.push_str("},\n");
            }
        },
    }
}

fn write_fetch(fetch: &FetchNode, level: usize, out: &mut String) {
    let _ = writeln!(out, "Fetch(service: \"{}\") {{", fetch.service_name);
    let selections = fetched_selections(fetch);
    if let Some(requires) = &fetch.requires {
        indent(level + 1, out);
        out.push_str("{\n");
        write_requires(requires, level + 2, out);
        indent(level + 1, out);
        out.push_str("} =>\n");
    }
    indent(level + 1, out);
    out.push_str("{\n");
    for selection in &selections {
        write_ast_selection(selection, level + 2, out);
    }
    indent(level + 1, out);
    out.push_str("}\n");
    indent(level, out);
    out.push_str("},\n");
}

/// The selections a fetch asks for: the root selection, or what is under `_entities`.
fn fetched_selections(fetch: &FetchNode) -> Vec<ast::Selection> {
    let Ok(document) = ast::Document::parse(fetch.operation.as_str(), "fetch.graphql") else {
        return Vec::new();
    };
    let Some(ast::Definition::OperationDefinition(operation)) = document.definitions.first() else {
        return Vec::new();
    };
    if fetch.requires.is_some()
        && let Some(ast::Selection::Field(entities)) = operation.selection_set.first()
        && entities.name == "_entities"
    {
        return entities.selection_set.clone();
    }
    operation.selection_set.clone()
}

fn write_ast_selection(selection: &ast::Selection, level: usize, out: &mut String) {
    indent(level, out);
    let sub = match selection {
        ast::Selection::Field(field) => {
            if let Some(alias) = &field.alias {
                let _ = write!(out, "{alias}: ");
            }
            out.push_str(&field.name);
            if !field.arguments.is_empty() {
                let args: Vec<String> = field
                    .arguments
                    .iter()
                    .map(|a| format!("{}: {}", a.name, a.value))
                    .collect();
                let _ = write!(out, "({})", args.join(", "));
            }
            for directive in field.directives.iter() {
                let _ = write!(out, " {directive}");
            }
            &field.selection_set
        }
        ast::Selection::InlineFragment(fragment) => {
            out.push_str("...");
            if let Some(tc) = &fragment.type_condition {
                let _ = write!(out, " on {tc}");
            }
            for directive in fragment.directives.iter() {
                let _ = write!(out, " {directive}");
            }
            &fragment.selection_set
        }
        ast::Selection::FragmentSpread(spread) => {
            let _ = writeln!(out, "...{}", spread.fragment_name);
            return;
        }
    };
    if sub.is_empty() {
        out.push('\n');
        return;
    }
    out.push_str(" {\n");
    for child in sub {
        write_ast_selection(child, level + 1, out);
    }
    indent(level, out);
    out.push_str("}\n");
}

fn write_requires(selections: &[Selection], level: usize, out: &mut String) {
    for selection in selections {
        indent(level, out);
        match selection {
            Selection::Field {
                name,
                alias,
                selections,
            } => {
                if let Some(alias) = alias {
                    let _ = write!(out, "{alias}: ");
                }
                out.push_str(name);
                match selections {
                    Some(sub) => {
                        out.push_str(" {\n");
                        write_requires(sub, level + 1, out);
                        indent(level, out);
                        out.push_str("}\n");
                    }
                    None => out.push('\n'),
                }
            }
            Selection::InlineFragment {
                type_condition,
                selections,
            } => {
                out.push_str("...");
                if let Some(tc) = type_condition {
                    let _ = write!(out, " on {tc}");
                }
                out.push_str(" {\n");
                write_requires(selections, level + 1, out);
                indent(level, out);
                out.push_str("}\n");
            }
        }
    }
}
