//! Field conflicts: within one subgraph request, two selections with the same response name
//! must be the same field with the same arguments (unless they sit under distinct object type
//! conditions) and must have the same response shape. Later conflicting ones get an alias,
//! and an output rewrite renames the key back before the answer is merged.
//! Only client fields conflict here: key and `@requires` fields get keys of their own while
//! the walker plans them (`Walker::internal_key`), since renaming one back would overwrite
//! the client's value or another required one.

use std::collections::HashMap;

use supergraph::{Supergraph, TypeKind};

use crate::fetch_graph::FetchGraph;
use crate::plan::Rewrite;
use crate::selection::{Item, Sel};

struct Seen {
    name: String,
    arguments: String,
    shape: String,
    parent: Option<String>,
}

pub(crate) fn run(sg: &Supergraph, fg: &mut FetchGraph) {
    for group in &mut fg.groups {
        let mut rewrites = Vec::new();
        let mut counter = 0;
        let mut path = Vec::new();
        fix(
            sg,
            &mut group.selection,
            None,
            &mut path,
            &mut rewrites,
            &mut counter,
        );
        group.output_rewrites.extend(rewrites);
    }
}

/// Shape of a type for conflict purposes: wrappers, plus the name for leaf types.
fn shape(sg: &Supergraph, ty: &str) -> String {
    let inner: String = ty
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let wrappers: String = ty
        .chars()
        .filter(|c| matches!(c, '[' | ']' | '!'))
        .collect();
    let leaf = sg.type_meta(&inner).is_none_or(|t| !t.is_composite());
    if leaf {
        format!("{wrappers}{inner}")
    } else {
        wrappers
    }
}

fn is_object(sg: &Supergraph, name: &Option<String>) -> bool {
    name.as_deref()
        .and_then(|n| sg.type_meta(n))
        .is_some_and(|t| t.kind == TypeKind::Object)
}

fn fix(
    sg: &Supergraph,
    sel: &mut Sel,
    parent: Option<String>,
    path: &mut Vec<String>,
    rewrites: &mut Vec<Rewrite>,
    counter: &mut usize,
) {
    let mut seen: HashMap<String, Vec<Seen>> = HashMap::new();
    visit(sg, sel, parent, path, &mut seen, rewrites, counter);
}

#[allow(clippy::too_many_arguments)]
fn visit(
    sg: &Supergraph,
    sel: &mut Sel,
    parent: Option<String>,
    path: &mut Vec<String>,
    seen: &mut HashMap<String, Vec<Seen>>,
    rewrites: &mut Vec<Rewrite>,
    counter: &mut usize,
) {
    for item in &mut sel.items {
        match item {
            Item::Field(field) => {
                let key = field.response_key().to_string();
                let arguments = field
                    .arguments
                    .iter()
                    .map(|a| format!("{}:{}", a.name, a.value))
                    .collect::<Vec<_>>()
                    .join(",");
                let this = Seen {
                    name: field.name.to_string(),
                    arguments,
                    shape: shape(sg, &field.subgraph_type),
                    parent: parent.clone(),
                };
                let entries = seen.entry(key.clone()).or_default();
                let conflict = entries.iter().any(|other| {
                    let distinct_objects = is_object(sg, &other.parent)
                        && is_object(sg, &this.parent)
                        && other.parent != this.parent;
                    other.shape != this.shape
                        || (!distinct_objects
                            && (other.name != this.name || other.arguments != this.arguments))
                });
                let response_key = if conflict {
                    let alias = format!("{key}__alias_{counter}");
                    *counter += 1;
                    let mut rewrite_path = path.clone();
                    rewrite_path.push(alias.clone());
                    rewrites.push(Rewrite::KeyRenamer {
                        path: rewrite_path,
                        rename_key_to: key.clone(),
                    });
                    if let Ok(name) = apollo_compiler::Name::new(&alias) {
                        field.alias = Some(name);
                    }
                    alias
                } else {
                    entries.push(this);
                    key
                };
                if let Some(sub) = &mut field.sub {
                    path.push(response_key);
                    let inner_type: String = field
                        .subgraph_type
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    fix(sg, sub, Some(inner_type), path, rewrites, counter);
                    path.pop();
                }
            }
            Item::Fragment(fragment) => {
                let inner_parent = fragment
                    .type_condition
                    .as_ref()
                    .map(|t| t.to_string())
                    .or(parent.clone());
                if let Some(tc) = &fragment.type_condition {
                    path.push(format!("... on {tc}"));
                }
                visit(
                    sg,
                    &mut fragment.sub,
                    inner_parent,
                    path,
                    seen,
                    rewrites,
                    counter,
                );
                if fragment.type_condition.is_some() {
                    path.pop();
                }
            }
        }
    }
}
