//! Subgraph errors as client errors: paths rewritten, `serviceName` added, codes kept.

use apollo_compiler::ast;
use planner::Rewrite;
use serde_json::{Map, Value};

use crate::response::{GraphQLError, Location, PathElement, codes};

/// A subgraph's error object as a client error at `path`.
pub(crate) fn forward(
    error: &Value,
    service: &str,
    path: Option<Vec<PathElement>>,
) -> GraphQLError {
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("subgraph error without a message")
        .to_owned();
    let mut extensions = match error.get("extensions") {
        Some(Value::Object(extensions)) => extensions.clone(),
        _ => Map::new(),
    };
    if !extensions.get("code").is_some_and(Value::is_string) {
        extensions.insert(
            "code".into(),
            Value::String(codes::DOWNSTREAM_SERVICE_ERROR.into()),
        );
    }
    extensions.insert("serviceName".into(), Value::String(service.into()));
    GraphQLError {
        message,
        locations: Vec::new(),
        path,
        extensions,
    }
}

/// Drops an error that repeats an earlier one (same path, message and extensions). A field
/// selected twice under one response key (once unconditionally, once under `@skip`/`@include`)
/// stays twice in the subgraph's operation, and the subgraph resolves and reports each copy;
/// the spec executes merged fields once, one error per field (§6.3.2, §6.4.4).
pub(crate) fn dedupe(errors: &mut Vec<GraphQLError>) {
    if errors.len() < 2 {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    errors.retain(|error| {
        let Some(path) = &error.path else {
            return true;
        };
        let extensions = serde_json::to_string(&error.extensions).unwrap_or_default();
        seen.insert((path.clone(), error.message.clone(), extensions))
    });
}

/// A JSON response path (strings and non-negative integers), if it is one.
pub(crate) fn json_path(path: &[Value]) -> Option<Vec<PathElement>> {
    path.iter()
        .map(|segment| match segment {
            Value::String(key) => Some(PathElement::Key(key.clone())),
            Value::Number(n) => n
                .as_u64()
                .and_then(|i| usize::try_from(i).ok())
                .map(PathElement::Index),
            _ => None,
        })
        .collect()
}

/// The error's own path: for root fetches the subgraph's response keys are the client's.
pub(crate) fn plain_path(error: &Value) -> Option<Vec<PathElement>> {
    match error.get("path") {
        Some(Value::Array(path)) if !path.is_empty() => json_path(path),
        _ => None,
    }
}

/// An error the API schema's introspection produced, already in the client's terms.
pub(crate) fn from_introspection(error: &Value) -> GraphQLError {
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("introspection error")
        .to_owned();
    let locations = error
        .get("locations")
        .and_then(Value::as_array)
        .map(|locations| {
            locations
                .iter()
                .filter_map(|l| {
                    Some(Location {
                        line: l.get("line")?.as_u64()?,
                        column: l.get("column")?.as_u64()?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let extensions = match error.get("extensions") {
        Some(Value::Object(extensions)) => extensions.clone(),
        _ => Map::new(),
    };
    GraphQLError {
        message,
        locations,
        path: plain_path(error),
        extensions,
    }
}

/// The response keys a root fetch's operation selects: where its data would have gone.
/// Only called when the fetch failed, so parsing the text again costs nothing that matters.
pub(crate) fn root_keys(operation: &str) -> Vec<Vec<PathElement>> {
    let document = match ast::Document::parse(operation, "fetch.graphql") {
        Ok(document) => document,
        Err(with_errors) => with_errors.partial,
    };
    let mut keys = Vec::new();
    for definition in &document.definitions {
        if let ast::Definition::OperationDefinition(op) = definition {
            collect_keys(&op.selection_set, &mut keys);
        }
    }
    keys
}

fn collect_keys(selections: &[ast::Selection], keys: &mut Vec<Vec<PathElement>>) {
    for selection in selections {
        match selection {
            ast::Selection::Field(field) => {
                let key = field.alias.as_ref().unwrap_or(&field.name).to_string();
                keys.push(vec![PathElement::Key(key)]);
            }
            ast::Selection::InlineFragment(fragment) => {
                collect_keys(&fragment.selection_set, keys);
            }
            ast::Selection::FragmentSpread(_) => {}
        }
    }
}

/// Undoes the planner's conflict aliases (`KeyRenamer` output rewrites) in a subgraph error's
/// path, so it names the client's key. Aliases are unique per fetch, so type conditions in the
/// rewrite path need no checking.
pub(crate) fn rename_keys(path: &mut [PathElement], rewrites: &[Rewrite]) {
    for rewrite in rewrites {
        let Rewrite::KeyRenamer {
            path: rewrite_path,
            rename_key_to,
        } = rewrite
        else {
            continue;
        };
        let mut wanted = rewrite_path
            .iter()
            .filter(|segment| !segment.starts_with("... on "))
            .peekable();
        let mut last = None;
        for (i, element) in path.iter().enumerate() {
            let PathElement::Key(key) = element else {
                continue;
            };
            match wanted.peek() {
                Some(w) if *w == key => {
                    wanted.next();
                    last = Some(i);
                }
                _ => break,
            }
            if wanted.peek().is_none() {
                break;
            }
        }
        if wanted.peek().is_none()
            && let Some(i) = last
        {
            path[i] = PathElement::Key(rename_key_to.clone());
        }
    }
}
