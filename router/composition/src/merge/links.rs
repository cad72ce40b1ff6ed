//! Directives carried to the supergraph must go by one name in every subgraph that applies
//! them (Apollo's `LINK_IMPORT_NAME_MISMATCH`): the supergraph can only define one.

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Location, subgraphs_phrase};
use crate::model::Subgraph;

/// The subgraphs applying a directive under one name, with where they first do.
type Users<'a> = Vec<(&'a str, Option<Location>)>;

pub(super) fn check_import_names(subgraphs: &[Subgraph]) -> Vec<Diagnostic> {
    let mut specs: Vec<&'static str> = Vec::new();
    for subgraph in subgraphs {
        for (spec, _, _) in &subgraph.carried_names {
            if !specs.contains(spec) {
                specs.push(spec);
            }
        }
    }
    let mut out = Vec::new();
    for spec in specs {
        // Local name → the subgraphs using it, in subgraph order.
        let mut by_name: IndexMap<&str, Users> = IndexMap::new();
        let mut url = None;
        for subgraph in subgraphs {
            if let Some((_, local, location)) =
                subgraph.carried_names.iter().find(|(s, _, _)| *s == spec)
            {
                url = url.or(subgraph.link_url.as_deref());
                by_name
                    .entry(local)
                    .or_default()
                    .push((subgraph.name.as_str(), location.clone()));
            }
        }
        if by_name.len() < 2 {
            continue;
        }
        // Like Apollo's report: the first name that disagrees with the first one, then the rest.
        let mut groups: Vec<(&str, &Users)> = by_name.iter().map(|(n, g)| (*n, g)).collect();
        let first = groups.remove(0);
        groups.insert(1, first);
        let phrases: Vec<String> = groups
            .iter()
            .map(|(name, users)| {
                let names: Vec<&str> = users.iter().map(|(s, _)| *s).collect();
                format!("\"@{name}\" in {}", subgraphs_phrase(&names))
            })
            .collect();
        let from = url.map(|u| format!(" (from {u})")).unwrap_or_default();
        out.push(
            Diagnostic::new(
                "LINK_IMPORT_NAME_MISMATCH",
                format!(
                    "The \"@{spec}\" directive{from} is imported with mismatched name between subgraphs: it is imported as {} but {}",
                    phrases[0],
                    phrases[1..].join(" and ")
                ),
            )
            .at_all(by_name.values().flatten().map(|(_, l)| l.clone())),
        );
    }
    out
}
