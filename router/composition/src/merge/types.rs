//! Type references across subgraphs: subtyping, most general (outputs) and most
//! specific (inputs) compatible type.

use apollo_compiler::ast::Type;

use crate::model::{Subgraph, TypeKind};

/// Whether `sub` may stand where `sup` is expected, in any subgraph's view of abstract types.
pub fn is_subtype(subgraphs: &[Subgraph], sup: &Type, sub: &Type) -> bool {
    match (sup, sub) {
        (Type::NonNullNamed(a), Type::NonNullNamed(b))
        | (Type::Named(a), Type::Named(b))
        | (Type::Named(a), Type::NonNullNamed(b)) => {
            named_subtype(subgraphs, a.as_str(), b.as_str())
        }
        (Type::NonNullList(a), Type::NonNullList(b))
        | (Type::List(a), Type::List(b))
        | (Type::List(a), Type::NonNullList(b)) => is_subtype(subgraphs, a, b),
        _ => false,
    }
}

fn named_subtype(subgraphs: &[Subgraph], sup: &str, sub: &str) -> bool {
    if sup == sub {
        return true;
    }
    subgraphs.iter().any(|s| {
        let Some(sup_def) = s.types.get(sup) else {
            return false;
        };
        match sup_def.kind {
            TypeKind::Union => sup_def.members.iter().any(|m| m == sub),
            TypeKind::Interface => s
                .types
                .get(sub)
                .is_some_and(|t| t.implements.iter().any(|i| i == sup)),
            _ => false,
        }
    })
}

/// Only nullability may differ for input positions.
pub fn is_input_subtype(sup: &Type, sub: &Type) -> bool {
    match (sup, sub) {
        (Type::NonNullNamed(a), Type::NonNullNamed(b))
        | (Type::Named(a), Type::Named(b))
        | (Type::Named(a), Type::NonNullNamed(b)) => a == b,
        (Type::NonNullList(a), Type::NonNullList(b))
        | (Type::List(a), Type::List(b))
        | (Type::List(a), Type::NonNullList(b)) => is_input_subtype(a, b),
        _ => false,
    }
}

/// The most general type among the sources (output positions); `Err` names the first clash.
pub fn most_general<'a>(
    subgraphs: &[Subgraph],
    types: &[(usize, &'a Type)],
) -> Result<&'a Type, (usize, usize)> {
    let mut best = types[0];
    for &(graph, ty) in &types[1..] {
        if ty == best.1 || is_subtype(subgraphs, best.1, ty) {
            continue;
        }
        if is_subtype(subgraphs, ty, best.1) {
            best = (graph, ty);
            continue;
        }
        return Err((best.0, graph));
    }
    Ok(best.1)
}

/// The most specific type among the sources (input positions).
pub fn most_specific<'a>(types: &[(usize, &'a Type)]) -> Result<&'a Type, (usize, usize)> {
    let mut best = types[0];
    for &(graph, ty) in &types[1..] {
        if ty == best.1 || is_input_subtype(ty, best.1) {
            continue;
        }
        if is_input_subtype(best.1, ty) {
            best = (graph, ty);
            continue;
        }
        return Err((best.0, graph));
    }
    Ok(best.1)
}

/// `true` when the type cannot be omitted: non-null without a default.
pub fn is_required(ty: &Type, has_default: bool) -> bool {
    ty.is_non_null() && !has_default
}
