//! The [`Merger`] every per-kind merge file works through (the subgraphs being merged, the
//! errors and hints so far) with the reports they share, and the rules for combining the
//! descriptions and applied directives of several copies of one element.

use indexmap::IndexMap;

use super::auth;
use crate::diagnostic::{Diagnostic, Hint, Location, subgraphs_phrase};
use crate::model::{Applied, Subgraph};

pub(crate) struct Merger<'a> {
    pub subgraphs: &'a [Subgraph],
    pub errors: Vec<Diagnostic>,
    pub hints: Vec<Hint>,
}

/// The most common non-empty description, the first one on ties.
pub(crate) fn merge_descriptions<'d>(
    descriptions: impl Iterator<Item = Option<&'d String>>,
) -> Option<String> {
    let mut counts: IndexMap<&str, usize> = IndexMap::new();
    for d in descriptions.flatten() {
        if !d.trim().is_empty() {
            *counts.entry(d.as_str()).or_default() += 1;
        }
    }
    let max = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == max)
        .map(|(d, _)| d.to_string())
}

/// `@inaccessible` if any copy has it, every distinct `@tag`, and the most common
/// `@deprecated` (the first on ties), as Apollo merges applied directives.
pub(crate) fn merge_applied<'d>(all: impl Iterator<Item = &'d Applied>) -> Applied {
    let mut out = Applied::default();
    let mut reasons: IndexMap<Option<String>, usize> = IndexMap::new();
    let mut order_known = false;
    let mut accesses = Vec::new();
    for applied in all {
        accesses.push(&applied.access);
        out.inaccessible |= applied.inaccessible;
        if out.specified_by.is_none() {
            out.specified_by = applied.specified_by.clone();
        }
        for tag in &applied.tags {
            if !out.tags.contains(tag) {
                out.tags.push(tag.clone());
            }
        }
        if let Some(reason) = &applied.deprecated {
            *reasons.entry(reason.clone()).or_default() += 1;
        }
        if !order_known && (applied.deprecated.is_some() || !applied.tags.is_empty()) {
            out.deprecated_first = applied.deprecated.is_some() && applied.deprecated_first;
            order_known = true;
        }
    }
    out.access = auth::combine(accesses);
    let max = reasons.values().copied().max().unwrap_or(0);
    out.deprecated = reasons.into_iter().find(|(_, n)| *n == max).map(|(r, _)| r);
    out
}

impl Merger<'_> {
    pub(crate) fn graph_name(&self, graph: usize) -> &str {
        &self.subgraphs[graph].name
    }

    /// The description of an element from its copies ([`merge_descriptions`]), with Apollo's
    /// `INCONSISTENT_DESCRIPTION` hint when copies have different non-empty ones.
    pub(crate) fn description_of<'d>(
        &mut self,
        element: &str,
        copies: impl Iterator<Item = (usize, Option<&'d String>)>,
        locations: &[Location],
    ) -> Option<String> {
        let copies: Vec<(usize, &String)> = copies.filter_map(|(g, d)| d.map(|d| (g, d))).collect();
        let chosen = merge_descriptions(copies.iter().map(|(_, d)| Some(*d)))?;
        let mut by_text: IndexMap<&str, Vec<&str>> = IndexMap::new();
        for (graph, text) in &copies {
            by_text
                .entry(text.as_str())
                .or_default()
                .push(&self.subgraphs[*graph].name);
        }
        if by_text.keys().filter(|t| !t.trim().is_empty()).count() > 1 {
            let quoted =
                |text: &str| format!("  \"\"\"\n  {}\n  \"\"\"", text.replace('\n', "\n  "));
            let from = by_text
                .get(chosen.as_str())
                .map(|g| subgraphs_phrase(g))
                .unwrap_or_default();
            let mut message = format!(
                "Element \"{element}\" has inconsistent descriptions across subgraphs. The supergraph will use description (from {from}):\n{}",
                quoted(&chosen)
            );
            for (text, graphs) in by_text.iter().filter(|(t, _)| **t != chosen) {
                message.push_str(&format!(
                    "\nIn {}, the description is:\n{}",
                    subgraphs_phrase(graphs),
                    quoted(text)
                ));
            }
            self.hints.push(Hint {
                code: "INCONSISTENT_DESCRIPTION",
                message,
                locations: locations.to_vec(),
            });
        }
        Some(chosen)
    }

    /// Apollo's `INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE` / `_ARGUMENT_TYPE` hint: copies
    /// whose types differ but merge (`chosen`); inputs take the most specific type, so the
    /// others are supertypes there, subtypes for output fields.
    pub(crate) fn compatible_types_hint(
        &mut self,
        element: &str,
        coordinate: &str,
        chosen: &apollo_compiler::ast::Type,
        typed: &[(usize, &apollo_compiler::ast::Type)],
        input: bool,
        locations: &[Location],
    ) {
        let mut groups: IndexMap<String, Vec<&str>> = IndexMap::new();
        for (graph, t) in typed {
            groups
                .entry(t.to_string())
                .or_default()
                .push(&self.subgraphs[*graph].name);
        }
        let chosen = chosen.to_string();
        let from = groups
            .get(&chosen)
            .map(|g| subgraphs_phrase(g))
            .unwrap_or_default();
        let relation = if input { "supertype" } else { "subtype" };
        let others: Vec<String> = groups
            .iter()
            .filter(|(t, _)| **t != chosen)
            .map(|(t, graphs)| format!("{relation} \"{t}\" in {}", subgraphs_phrase(graphs)))
            .collect();
        let (code, noun) = if element == "argument" {
            ("INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE", "argument")
        } else {
            ("INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE", "field")
        };
        self.hints.push(Hint {
            code,
            message: format!(
                "Type of {noun} \"{coordinate}\" is inconsistent but compatible across subgraphs: will use type \"{chosen}\" (from {from}) in supergraph but \"{coordinate}\" has {}.",
                others.join(" and ")
            ),
            locations: locations.to_vec(),
        });
    }

    /// Reports incompatible types, grouping subgraphs by the type they use.
    pub(crate) fn type_mismatch(
        &mut self,
        code: &'static str,
        what: &str,
        qualifier: &str,
        typed: &[(usize, &apollo_compiler::ast::Type)],
        locations: &[Location],
    ) {
        let mut groups: IndexMap<String, Vec<&str>> = IndexMap::new();
        for (graph, ty) in typed {
            groups
                .entry(ty.to_string())
                .or_default()
                .push(self.graph_name(*graph));
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(ty, graphs)| format!("type \"{ty}\" in {}", subgraphs_phrase(graphs)))
            .collect();
        self.errors.push(
            Diagnostic::new(
                code,
                format!(
                    "{what} is incompatible across subgraphs{qualifier}: it has {} but {}",
                    parts[0],
                    parts[1..].join(" and ")
                ),
            )
            .at_all(locations.iter().cloned().map(Some)),
        );
    }

    /// Apollo's intersection rule: the supergraph has a default only if every subgraph has
    /// the same one; two different defaults are an error, a missing one a hint.
    pub(crate) fn merge_default<'v>(
        &mut self,
        code: &'static str,
        what: &str,
        defaults: impl Iterator<Item = (usize, Option<&'v apollo_compiler::ast::Value>)>,
        locations: &[Location],
    ) -> Option<apollo_compiler::ast::Value> {
        let all: Vec<(usize, Option<&apollo_compiler::ast::Value>)> = defaults.collect();
        let with_default: Vec<(usize, &apollo_compiler::ast::Value)> =
            all.iter().filter_map(|(g, d)| d.map(|d| (*g, d))).collect();
        let first = *with_default.first()?;
        if let Some(other) = with_default.iter().find(|(_, d)| *d != first.1) {
            self.errors.push(
                Diagnostic::new(
                    code,
                    format!(
                        "{what} has incompatible default values across subgraphs: it has default value {} in subgraph \"{}\" but default value {} in subgraph \"{}\"",
                        crate::print::value(first.1),
                        self.graph_name(first.0),
                        crate::print::value(other.1),
                        self.graph_name(other.0)
                    ),
                )
                .at_all(locations.iter().cloned().map(Some)),
            );
            return Some(first.1.clone());
        }
        let without: Vec<&str> = all
            .iter()
            .filter(|(_, d)| d.is_none())
            .map(|(g, _)| self.graph_name(*g))
            .collect();
        if without.is_empty() {
            return Some(first.1.clone());
        }
        let with: Vec<&str> = with_default
            .iter()
            .map(|(g, _)| self.graph_name(*g))
            .collect();
        self.hints.push(Hint {
            code: "INCONSISTENT_DEFAULT_VALUE_PRESENCE",
            message: format!(
                "{what} has a default value in only some subgraphs: will not use a default in the supergraph (there is no default in {}) but {} has default value {} in {}",
                subgraphs_phrase(&without),
                what.split(' ').nth(1).unwrap_or_default(),
                crate::print::value(first.1),
                subgraphs_phrase(&with)
            ),
            locations: locations.to_vec(),
        });
        None
    }
}
