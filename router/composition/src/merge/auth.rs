//! Merging access-control requirements, as Apollo's composition does: an element is
//! `@authenticated` when any subgraph says so; `@requiresScopes` and `@policy` lists from
//! several subgraphs are AND-ed (the conjunction of their disjunctive normal forms, with
//! duplicates and subsumed alternatives dropped), so no subgraph's requirement is lost.
//! Interfaces take the requirements of all their implementations (subgraphs may not put
//! them on interfaces themselves), so a client selecting an interface field needs what
//! every implementation needs.

use crate::merge::model::MergedSchema;
use crate::model::{Access, TypeKind};

/// The requirements of every copy together.
pub(crate) fn combine<'a>(all: impl IntoIterator<Item = &'a Access>) -> Access {
    let mut authenticated = false;
    let mut scopes = Vec::new();
    let mut policies = Vec::new();
    for access in all {
        authenticated |= access.authenticated;
        scopes.extend(access.scopes.clone());
        policies.extend(access.policies.clone());
    }
    // Like Apollo, a requirement found once is kept as written (only merging normalizes).
    let merge = |mut values: Vec<Vec<Vec<String>>>| match values.len() {
        0 => None,
        1 => values.pop(),
        _ => Some(dnf_conjunction(values)),
    };
    Access {
        authenticated,
        scopes: merge(scopes),
        policies: merge(policies),
    }
}

/// AND of conditions in disjunctive normal form (outer list: OR, inner lists: AND).
pub(crate) fn dnf_conjunction(values: Vec<Vec<Vec<String>>>) -> Vec<Vec<String>> {
    // `[]` means "no requirement" to the router: as a DNF that is `[[]]` (always true).
    let mut normalized: Vec<Vec<Vec<String>>> = Vec::new();
    for mut value in values {
        if value.is_empty() {
            value = vec![Vec::new()];
        }
        for inner in &mut value {
            inner.sort();
        }
        value.sort_by_key(|inner| json_key(inner));
        if !normalized.contains(&value) {
            normalized.push(value);
        }
    }
    let mut parts = normalized.into_iter();
    let Some(mut result) = parts.next() else {
        return Vec::new();
    };
    for current in parts {
        let mut product: Vec<Vec<String>> = Vec::new();
        for left in &result {
            for right in &current {
                let mut candidate = left.clone();
                candidate.extend(right.iter().filter(|s| !left.contains(s)).cloned());
                candidate.sort();
                if !product.contains(&candidate) {
                    product.push(candidate);
                }
            }
        }
        // (A) OR (A AND B) is just A.
        product.sort_by_key(Vec::len);
        let mut kept: Vec<Vec<String>> = Vec::new();
        for candidate in product {
            if !kept.iter().any(|k| k.iter().all(|s| candidate.contains(s))) {
                kept.push(candidate);
            }
        }
        result = kept;
    }
    result
}

/// The order JavaScript's `JSON.stringify` comparison gives the alternatives.
fn json_key(inner: &[String]) -> String {
    let quoted: Vec<String> = inner.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(","))
}

/// Interface types and fields require what their implementations require.
pub(crate) fn propagate_to_interfaces(schema: &mut MergedSchema) {
    let interfaces: Vec<String> = schema
        .types
        .values()
        .filter(|t| t.kind == TypeKind::Interface)
        .map(|t| t.name.clone())
        .collect();
    for interface in interfaces {
        let implementations: Vec<&crate::merge::model::MergedType> = schema
            .types
            .values()
            .filter(|t| t.implements.contains(&interface))
            .collect();
        let type_access = combine(
            implementations
                .iter()
                .map(|t| &t.applied.access)
                .chain(std::iter::once(&schema.types[&interface].applied.access))
                .collect::<Vec<_>>(),
        );
        let field_names: Vec<String> = schema.types[&interface].fields.keys().cloned().collect();
        let mut field_access = Vec::new();
        for field in field_names {
            let access = combine(
                implementations
                    .iter()
                    .filter_map(|t| t.fields.get(&field))
                    .map(|f| &f.applied.access)
                    .chain(std::iter::once(
                        &schema.types[&interface].fields[&field].applied.access,
                    ))
                    .collect::<Vec<_>>(),
            );
            field_access.push((field, access));
        }
        let Some(ty) = schema.types.get_mut(&interface) else {
            continue;
        };
        ty.applied.access = type_access;
        for (field, access) in field_access {
            if let Some(f) = ty.fields.get_mut(&field) {
                f.applied.access = access;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dnf_conjunction;

    fn dnf(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|i| i.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn conjunction_distributes_and_drops_subsumed_alternatives() {
        let merged = dnf_conjunction(vec![dnf(&[&["a"], &["b"]]), dnf(&[&["a"]])]);
        // (a OR b) AND a = a OR (a AND b) = a
        assert_eq!(merged, dnf(&[&["a"]]));
        let merged = dnf_conjunction(vec![dnf(&[&["x"]]), dnf(&[&["y"], &["z"]])]);
        assert_eq!(merged, dnf(&[&["x", "y"], &["x", "z"]]));
    }

    #[test]
    fn one_value_is_only_sorted() {
        let merged = dnf_conjunction(vec![dnf(&[&["b", "a"], &["c"]])]);
        assert_eq!(merged, dnf(&[&["a", "b"], &["c"]]));
    }

    #[test]
    fn empty_requirement_is_true() {
        let merged = dnf_conjunction(vec![dnf(&[]), dnf(&[&["a"]])]);
        assert_eq!(merged, dnf(&[&["a"]]));
    }
}
