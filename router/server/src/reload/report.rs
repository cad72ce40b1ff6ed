//! What a swap changed, said once at info level: operators read these lines to know which
//! supergraph and which configuration a router serves.

use std::collections::BTreeSet;

use supergraph::Supergraph;

use super::digest::short;
use crate::state::RouterState;
use router_config::RouterConfig;

/// A supergraph replaced `previous` (none: the first one).
pub fn supergraph_swapped(
    previous: Option<(&Supergraph, &str)>,
    next: (&Supergraph, &str),
    origin: &str,
) {
    let (supergraph, hash) = next;
    let names = |s: &Supergraph| -> BTreeSet<String> {
        s.subgraphs.iter().map(|s| s.name.clone()).collect()
    };
    let now = names(supergraph);
    match previous {
        None => tracing::info!(
            hash = short(hash),
            subgraphs = %join(now.iter()),
            from = origin,
            "supergraph loaded"
        ),
        Some((before, before_hash)) => {
            let before = names(before);
            tracing::info!(
                hash = short(hash),
                previous = short(before_hash),
                added = %join(now.difference(&before)),
                removed = %join(before.difference(&now)),
                from = origin,
                "supergraph reloaded"
            );
        }
    }
}

/// Where each subgraph is reached, for those new or moved since `previous`.
pub fn routing(previous: Option<&RouterState>, next: &RouterState) {
    for subgraph in &next.supergraph.subgraphs {
        let before = previous.and_then(|p| {
            p.supergraph
                .subgraphs
                .iter()
                .find(|s| s.name == subgraph.name)
        });
        if before.map(|s| &s.url) != Some(&subgraph.url) {
            tracing::info!(
                subgraph = %subgraph.name,
                url = subgraph.url.as_deref().unwrap_or_default(),
                "routing"
            );
        }
    }
}

/// A reloaded `router.yaml` took effect.
pub fn config_reloaded(before: &RouterConfig, after: &RouterConfig, origin: &str) {
    tracing::info!(
        changed = %changed_sections(before, after).join(", "),
        from = origin,
        "configuration reloaded"
    );
}

/// The top-level `router.yaml` keys whose values differ.
pub fn changed_sections(before: &RouterConfig, after: &RouterConfig) -> Vec<String> {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(key, value)| before.get(*key) != Some(*value))
        .map(|(key, _)| key.clone())
        .collect()
}

fn join<'a>(names: impl Iterator<Item = &'a String>) -> String {
    names.map(String::as_str).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_sections_name_the_top_level_keys_that_differ() {
        let before = RouterConfig::default();
        let mut after = before.clone();
        after.introspection = false;
        after.plan_cache.capacity = 7;
        assert_eq!(
            changed_sections(&before, &after),
            ["introspection", "plan_cache"]
        );
        assert!(changed_sections(&before, &before).is_empty());
    }
}
