//! Drops groups that ended up selecting nothing (a fragment no subgraph object can match):
//! their dependents wait for what they waited for instead.

use std::collections::BTreeSet;

use crate::fetch_graph::FetchGraph;
use crate::selection::{Item, Sel};

fn selects_something(sel: &Sel) -> bool {
    sel.items.iter().any(|item| match item {
        Item::Field(_) => true,
        Item::Fragment(f) => selects_something(&f.sub),
    })
}

pub(crate) fn run(fg: &mut FetchGraph) {
    let empty: BTreeSet<usize> = fg
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !selects_something(&g.selection))
        .map(|(i, _)| i)
        .collect();
    if empty.is_empty() {
        return;
    }
    // Resolve each dependency through removed groups, then renumber.
    let resolve = |fg: &FetchGraph, deps: &BTreeSet<usize>| -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let mut stack: Vec<usize> = deps.iter().copied().collect();
        let mut seen = BTreeSet::new();
        while let Some(d) = stack.pop() {
            if !seen.insert(d) {
                continue;
            }
            if empty.contains(&d) {
                stack.extend(fg.groups[d].deps.iter().copied());
            } else {
                out.insert(d);
            }
        }
        out
    };
    let new_deps: Vec<BTreeSet<usize>> = fg.groups.iter().map(|g| resolve(fg, &g.deps)).collect();
    let mut renumber = vec![usize::MAX; fg.groups.len()];
    let mut next = 0;
    for (i, slot) in renumber.iter_mut().enumerate() {
        if !empty.contains(&i) {
            *slot = next;
            next += 1;
        }
    }
    let groups = std::mem::take(&mut fg.groups);
    for (i, (mut group, deps)) in groups.into_iter().zip(new_deps).enumerate() {
        if empty.contains(&i) {
            continue;
        }
        group.deps = deps.into_iter().map(|d| renumber[d]).collect();
        fg.groups.push(group);
    }
}
