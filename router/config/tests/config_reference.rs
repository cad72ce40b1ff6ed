//! docs/configuration.md documents every key of `router.yaml`: each leaf key of the JSON Schema
//! (`router config schema`) appears in the section of its top-level key, as `` `key` ``, as
//! `` `dotted.path` `` or as `key:` in a YAML example. The failure lists what is missing.

use std::collections::BTreeMap;

use router_config::RouterConfig;
use serde_json::Value;

const DOC: &str = include_str!("../../../docs/configuration.md");

/// `schema` with `$ref`s into `defs` followed and `Option<T>` (`anyOf [T, null]`) unwrapped.
fn resolve<'a>(mut schema: &'a Value, defs: &'a Value) -> &'a Value {
    loop {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            schema = &defs[name];
            continue;
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            let objects: Vec<&Value> = branches
                .iter()
                .filter(|b| b.get("type") != Some(&Value::from("null")))
                .collect();
            if let [only] = objects.as_slice() {
                schema = only;
                continue;
            }
        }
        return schema;
    }
}

/// Every leaf key path, with `<name>` for map keys (subgraph names).
fn leaves(schema: &Value, defs: &Value, path: &str, out: &mut Vec<String>) {
    let schema = resolve(schema, defs);
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (key, property) in properties {
            leaves(property, defs, &join(key), out);
        }
        return;
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        leaves(values, defs, &join("<name>"), out);
        return;
    }
    out.push(path.to_owned());
}

/// The doc's `## ... (`key`)` sections by key.
fn sections() -> BTreeMap<String, String> {
    let mut sections = BTreeMap::new();
    for section in DOC.split("\n## ").skip(1) {
        let heading = section.lines().next().unwrap_or_default();
        if let Some(key) = heading
            .split("(`")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
        {
            sections.insert(key.to_owned(), section.to_owned());
        }
    }
    sections
}

fn documented(path: &str, sections: &BTreeMap<String, String>) -> bool {
    let top = path.split('.').next().unwrap_or(path);
    let Some(section) = sections.get(top) else {
        return false;
    };
    let last = path.rsplit('.').next().unwrap_or(path);
    let relative = path.split_once('.').map_or(path, |(_, rest)| rest);
    [
        format!("`{path}`"),
        format!("`{}`", path.replace("<name>", "all")),
        format!("`{relative}`"),
        format!("`{last}`"),
        format!("{last}:"),
    ]
    .iter()
    .any(|form| section.contains(form.as_str()))
}

#[test]
fn every_configuration_key_is_documented() {
    let schema = RouterConfig::json_schema();
    let mut paths = Vec::new();
    leaves(&schema, &schema["$defs"], "", &mut paths);
    assert!(paths.len() > 20, "the walk found too few keys: {paths:?}");
    let sections = sections();
    let missing: Vec<&String> = paths.iter().filter(|p| !documented(p, &sections)).collect();
    assert!(
        missing.is_empty(),
        "docs/configuration.md does not document these router.yaml keys (each needs a \
         `## Title (`section`)` heading for its top-level key, and the key in backticks or in \
         a YAML example there):\n  {}",
        missing
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

#[test]
fn every_section_of_the_schema_has_a_doc_comment_and_a_default() {
    let schema = RouterConfig::json_schema();
    let properties = schema["properties"].as_object().expect("sections");
    let lacking: Vec<&String> = properties
        .iter()
        .filter(|(_, s)| s.get("description").is_none() || s.get("default").is_none())
        .map(|(key, _)| key)
        .collect();
    assert!(
        lacking.is_empty(),
        "sections without description or default: {lacking:?}"
    );
}
