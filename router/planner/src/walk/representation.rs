//! The representations an entity fetch sends: `__typename`, the key fields and the required
//! fields, read from the keys they were fetched under.

use apollo_compiler::Name;
use apollo_compiler::ast::DirectiveList;
use apollo_compiler::executable::{Selection, SelectionSet};
use supergraph::Supergraph;

use super::aliases::Claims;
use crate::plan::PathSegment;
use crate::selection::{FieldSel, Item, Sel};

/// The representation of `parent` for an entity fetch: its key fields and the fields it
/// `required`, under the keys the walker fetched them with at `path`.
pub(super) fn representation(
    sg: &Supergraph,
    parent: &Name,
    key: &SelectionSet,
    required: Option<&SelectionSet>,
    claims: &Claims,
    path: &[PathSegment],
) -> Sel {
    let mut representation = Sel::default();
    let i = representation.add_fragment(Some(parent.clone()), DirectiveList::default());
    let sel = representation.at_mut(&[i]);
    sel.add_field(FieldSel::typename());
    add_plain(sg, sel, parent, key);
    if let Some(required) = required {
        add_plain(sg, sel, parent, required);
    }
    alias_representation(sel, claims, path);
    representation
}

/// Marks representation fields that were fetched under an internal alias, at any depth: the
/// keys [`Claims::key`] gave them when they were planned at `path`.
fn alias_representation(sel: &mut Sel, claims: &Claims, path: &[PathSegment]) {
    for item in &mut sel.items {
        match item {
            Item::Field(field) => {
                let key = claims
                    .recorded(path, &field.name, &field.arguments)
                    .map_or(field.name.clone(), Name::clone);
                field.alias = (key != field.name).then(|| key.clone());
                if let Some(sub) = &mut field.sub {
                    let mut inner = path.to_vec();
                    inner.push(PathSegment::Field(key.to_string()));
                    let depth = field.subgraph_type.matches('[').count();
                    inner.extend(std::iter::repeat_n(PathSegment::List, depth));
                    alias_representation(sub, claims, &inner);
                }
            }
            Item::Fragment(fragment) => alias_representation(&mut fragment.sub, claims, path),
        }
    }
}

/// Whether representations of shape `a` and `b` can be one: a field both name must be read from
/// the same key (a representation holds a field once; two `@requires` of one field with
/// different arguments need two fetches).
pub(super) fn fits(a: &Sel, b: &Sel) -> bool {
    a.items.iter().all(|x| {
        b.items.iter().all(|y| match (x, y) {
            (Item::Field(f), Item::Field(g)) if f.name == g.name => {
                f.response_key() == g.response_key()
                    && match (&f.sub, &g.sub) {
                        (Some(fs), Some(gs)) => fits(fs, gs),
                        _ => true,
                    }
            }
            (Item::Fragment(f), Item::Fragment(g)) if f.type_condition == g.type_condition => {
                fits(&f.sub, &g.sub)
            }
            _ => true,
        })
    })
}

/// Copies a field set (keys, requires) into a selection, without planning: the shape of a
/// representation.
fn add_plain(sg: &Supergraph, sel: &mut Sel, parent: &str, set: &SelectionSet) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                let ty = sg.field_meta(parent, &field.name).map(|m| m.ty.clone());
                let inner_type = ty.as_ref().map(|t| t.inner_named_type().to_string());
                let mut sub = None;
                if !field.selection_set.selections.is_empty() {
                    let mut inner = Sel::default();
                    add_plain(
                        sg,
                        &mut inner,
                        inner_type.as_deref().unwrap_or(parent),
                        &field.selection_set,
                    );
                    sub = Some(inner);
                }
                sel.add_field(FieldSel {
                    alias: None,
                    name: field.name.clone(),
                    arguments: field.arguments.clone(),
                    directives: DirectiveList::default(),
                    sub,
                    subgraph_type: ty.map(|t| t.to_string()).unwrap_or_default(),
                });
            }
            Selection::InlineFragment(fragment) => {
                let i = sel.add_fragment(fragment.type_condition.clone(), DirectiveList::default());
                let tc = fragment
                    .type_condition
                    .as_deref()
                    .unwrap_or(parent)
                    .to_string();
                add_plain(sg, sel.at_mut(&[i]), &tc, &fragment.selection_set);
            }
            Selection::FragmentSpread(_) => {}
        }
    }
}
