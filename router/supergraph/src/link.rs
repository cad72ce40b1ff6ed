//! Reads the `@link` (or Federation v1 `@core`) schema directives: which specs the supergraph uses,
//! at which version, and under which local names their directives and types appear.

use std::collections::HashMap;

use apollo_compiler::Schema;
use apollo_compiler::ast::Value;

use crate::error::{Location, SupergraphError, location_of};

/// A spec version such as `v0.3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// One linked spec: its identity and the local names its elements use.
#[derive(Debug, Clone)]
pub struct LinkedSpec {
    /// Spec name from the URL (`join`, `link`, `inaccessible`, ...).
    pub name: String,
    pub version: Version,
    pub url: String,
    /// Prefix for namespaced elements (`join` in `join__type`), from `as:` or the spec name.
    pub prefix: String,
    /// Imported elements: spec element name (`@inaccessible`, `FieldSet`) → local name.
    pub imports: HashMap<String, String>,
    pub location: Option<Location>,
}

impl LinkedSpec {
    /// Local name of the spec directive `name` (without `@`).
    pub fn directive(&self, name: &str) -> String {
        if let Some(local) = self.imports.get(&format!("@{name}")) {
            return local.trim_start_matches('@').to_string();
        }
        if name == self.name {
            self.prefix.clone()
        } else {
            format!("{}__{name}", self.prefix)
        }
    }

    /// Local name of the spec type `name`.
    pub fn type_name(&self, name: &str) -> String {
        if let Some(local) = self.imports.get(name) {
            return local.clone();
        }
        format!("{}__{name}", self.prefix)
    }

    /// Whether a directive or type local name belongs to this spec's machinery.
    pub fn owns(&self, local_name: &str) -> bool {
        local_name == self.prefix
            || local_name.starts_with(&format!("{}__", self.prefix))
            || self
                .imports
                .values()
                .any(|v| v.trim_start_matches('@') == local_name)
    }
}

/// All specs linked by a supergraph.
#[derive(Debug, Clone)]
pub struct Links {
    /// Local name of the bootstrapping directive (`link` or `core`).
    pub link_directive: String,
    pub specs: Vec<LinkedSpec>,
}

impl Links {
    pub fn get(&self, name: &str) -> Option<&LinkedSpec> {
        self.specs.iter().find(|s| s.name == name)
    }

    /// Whether a directive's local name belongs to any linked spec (machinery to hide from clients).
    pub fn is_machinery_directive(&self, local_name: &str) -> bool {
        local_name == self.link_directive || self.specs.iter().any(|s| s.owns(local_name))
    }

    /// Whether a type belongs to the link machinery (`join__Graph`, `link__Purpose`, ...).
    pub fn is_machinery_type(&self, local_name: &str) -> bool {
        self.specs.iter().any(|s| {
            local_name.starts_with(&format!("{}__", s.prefix))
                || s.imports
                    .iter()
                    .any(|(k, v)| !k.starts_with('@') && v == local_name)
        })
    }
}

/// Splits `https://specs.apollo.dev/join/v0.3` into (`join`, v0.3).
fn parse_url(url: &str) -> Option<(String, Version)> {
    let trimmed = url.trim_end_matches('/');
    let mut parts = trimmed.rsplit('/');
    let version = parts.next()?;
    let name = parts.next()?;
    let (major, minor) = version.strip_prefix('v')?.split_once('.')?;
    Some((
        name.to_string(),
        Version {
            major: major.parse().ok()?,
            minor: minor.parse().ok()?,
        },
    ))
}

pub fn read_links(schema: &Schema) -> Result<Links, SupergraphError> {
    // The bootstrapping directive may itself be renamed: find it by the URL it links to.
    let mut link_directive = None;
    for directive in schema.schema_definition.directives.iter() {
        for arg in ["url", "feature"] {
            if let Some(Value::String(url)) =
                directive.specified_argument_by_name(arg).map(|v| &**v)
                && let Some((name, _)) = parse_url(url)
                && (name == "link" || name == "core")
            {
                let local = match directive.specified_argument_by_name("as").map(|v| &**v) {
                    Some(Value::String(alias)) => alias.clone(),
                    _ => name.clone(),
                };
                if local == directive.name.as_str() {
                    link_directive = Some((local, arg));
                }
            }
        }
    }
    let Some((link_directive, url_arg)) = link_directive else {
        return Err(SupergraphError::NotASupergraph);
    };

    let mut specs = Vec::new();
    for directive in schema.schema_definition.directives.get_all(&link_directive) {
        let location = location_of(directive.location(), &schema.sources);
        let Some(Value::String(url)) = directive.specified_argument_by_name(url_arg).map(|v| &**v)
        else {
            return Err(SupergraphError::InvalidLinkUrl {
                directive: link_directive.clone(),
                url: String::new(),
                reason: format!("missing `{url_arg}` argument"),
                location,
            });
        };
        let Some((name, version)) = parse_url(url) else {
            return Err(SupergraphError::InvalidLinkUrl {
                directive: link_directive.clone(),
                url: url.clone(),
                reason: "expected `.../<name>/v<major>.<minor>`".into(),
                location,
            });
        };
        let prefix = match directive.specified_argument_by_name("as").map(|v| &**v) {
            Some(Value::String(alias)) => alias.clone(),
            _ => name.clone(),
        };
        let mut imports = HashMap::new();
        if let Some(Value::List(items)) =
            directive.specified_argument_by_name("import").map(|v| &**v)
        {
            for item in items {
                match &**item {
                    Value::String(element) => {
                        imports.insert(element.clone(), element.clone());
                    }
                    Value::Object(fields) => {
                        let get = |key: &str| {
                            fields
                                .iter()
                                .find(|(k, _)| k == key)
                                .and_then(|(_, v)| match &**v {
                                    Value::String(s) => Some(s.clone()),
                                    _ => None,
                                })
                        };
                        if let Some(element) = get("name") {
                            let local = get("as").unwrap_or_else(|| element.clone());
                            imports.insert(element, local);
                        }
                    }
                    _ => {}
                }
            }
        }
        specs.push(LinkedSpec {
            name,
            version,
            url: url.clone(),
            prefix,
            imports,
            location,
        });
    }
    Ok(Links {
        link_directive,
        specs,
    })
}
