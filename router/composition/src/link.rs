//! The federation `@link`: which local directive names mean which federation directive
//! (imported, renamed with `as`, namespaced `federation__x`, or Federation 1 bare names).

use std::collections::HashMap;

use apollo_compiler::Node;
use apollo_compiler::ast::{self, Value};

/// Federation directives by their canonical (spec) name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Fed {
    Key,
    Requires,
    Provides,
    External,
    Shareable,
    Override,
    Inaccessible,
    Tag,
    InterfaceObject,
    Extends,
    /// Access control (Federation v2.5+ / v2.6+), carried to the supergraph for the router.
    Authenticated,
    RequiresScopes,
    Policy,
    /// Federation directives this composition does not implement (yet): using one is an
    /// error rather than a silently weaker supergraph (e.g. dropped access control).
    Unsupported(&'static str),
}

const FED_DIRECTIVES: &[(&str, Fed)] = &[
    ("key", Fed::Key),
    ("requires", Fed::Requires),
    ("provides", Fed::Provides),
    ("external", Fed::External),
    ("shareable", Fed::Shareable),
    ("override", Fed::Override),
    ("inaccessible", Fed::Inaccessible),
    ("tag", Fed::Tag),
    ("interfaceObject", Fed::InterfaceObject),
    ("extends", Fed::Extends),
    ("authenticated", Fed::Authenticated),
    ("requiresScopes", Fed::RequiresScopes),
    ("policy", Fed::Policy),
    ("context", Fed::Unsupported("context")),
    ("fromContext", Fed::Unsupported("fromContext")),
    ("cost", Fed::Unsupported("cost")),
    ("listSize", Fed::Unsupported("listSize")),
    ("composeDirective", Fed::Unsupported("composeDirective")),
];

/// The `url:` of the federation `@link`, if the subgraph has one (Federation 2).
pub(crate) fn federation_url(schema_directives: &[&Node<ast::Directive>]) -> Option<String> {
    schema_directives.iter().find_map(|d| {
        let url = d.specified_argument_by_name("url")?.as_str()?;
        (d.name == "link" && url.starts_with("https://specs.apollo.dev/federation/v2"))
            .then(|| url.to_string())
    })
}

/// Finds the federation `@link` and maps each local directive name to its meaning.
pub(crate) fn federation_names(
    schema_directives: &[&Node<ast::Directive>],
) -> (bool, HashMap<String, Fed>) {
    let link = schema_directives.iter().find(|d| {
        d.name == "link"
            && d.specified_argument_by_name("url")
                .and_then(|v| v.as_str())
                .is_some_and(|url| url.starts_with("https://specs.apollo.dev/federation/v2"))
    });
    let Some(link) = link else {
        // Federation 1: directives go by their bare names (access control came with v2.5).
        let names = FED_DIRECTIVES
            .iter()
            .filter(|(_, fed)| {
                !matches!(
                    fed,
                    Fed::Unsupported(_) | Fed::Authenticated | Fed::RequiresScopes | Fed::Policy
                )
            })
            .map(|(name, fed)| (name.to_string(), *fed))
            .collect();
        return (false, names);
    };
    let prefix = link
        .specified_argument_by_name("as")
        .and_then(|v| v.as_str())
        .unwrap_or("federation")
        .to_string();
    let mut imported: HashMap<String, String> = HashMap::new();
    if let Some(list) = link
        .specified_argument_by_name("import")
        .and_then(|v| v.as_list())
    {
        for item in list {
            let (name, alias) = match item.as_ref() {
                Value::String(name) => (name.to_string(), name.to_string()),
                Value::Object(fields) => {
                    let get = |key: &str| {
                        fields
                            .iter()
                            .find(|(k, _)| k == key)
                            .and_then(|(_, v)| v.as_str())
                            .map(str::to_string)
                    };
                    let Some(name) = get("name") else { continue };
                    let alias = get("as").unwrap_or_else(|| name.clone());
                    (name, alias)
                }
                _ => continue,
            };
            if let (Some(name), Some(alias)) = (name.strip_prefix('@'), alias.strip_prefix('@')) {
                imported.insert(name.to_string(), alias.to_string());
            }
        }
    }
    let mut names = HashMap::new();
    // An imported directive goes by its import name only; the others by `prefix__name`.
    for (name, fed) in FED_DIRECTIVES {
        match imported.get(*name) {
            Some(alias) => names.insert(alias.clone(), *fed),
            None => names.insert(format!("{prefix}__{name}"), *fed),
        };
    }
    (true, names)
}
