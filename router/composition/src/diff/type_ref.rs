//! Type-reference variance. An output position may narrow (become non-null): clients read
//! every value the old type allowed. An input position may widen (become nullable): every
//! value clients send today is still accepted. Named types must stay the same either way:
//! a fragment on the old type would no longer apply.

use apollo_compiler::ast::Type;

/// Whether changing an output field from `old` to `new` keeps existing clients working.
pub(crate) fn output_change_is_safe(old: &Type, new: &Type) -> bool {
    if new.is_non_null() {
        return output_change_is_safe(&old.clone().nullable(), &new.clone().nullable());
    }
    if old.is_non_null() {
        return false;
    }
    match (old, new) {
        (Type::Named(a), Type::Named(b)) => a == b,
        (Type::List(a), Type::List(b)) => output_change_is_safe(a, b),
        _ => false,
    }
}

/// Whether changing an argument or input field from `old` to `new` keeps every value
/// clients send today valid (variables included: `$v: T!` may flow into `T`, not back).
pub(crate) fn input_change_is_safe(old: &Type, new: &Type) -> bool {
    if old.is_non_null() {
        return input_change_is_safe(&old.clone().nullable(), &new.clone().nullable());
    }
    if new.is_non_null() {
        return false;
    }
    match (old, new) {
        (Type::Named(a), Type::Named(b)) => a == b,
        (Type::List(a), Type::List(b)) => input_change_is_safe(a, b),
        _ => false,
    }
}

/// Why an output change breaks clients, in a few words.
pub(crate) fn output_break_reason(old: &Type, new: &Type) -> &'static str {
    if old.inner_named_type() != new.inner_named_type() {
        "selections written for the old type no longer apply"
    } else if same_shape(old, new) {
        "it may now return null where clients were promised a value"
    } else {
        "the list nesting changed"
    }
}

/// Why an input change breaks clients, in a few words.
pub(crate) fn input_break_reason(old: &Type, new: &Type) -> &'static str {
    if old.inner_named_type() != new.inner_named_type() {
        "values and variables of the old type are no longer accepted"
    } else if same_shape(old, new) {
        "null is no longer accepted, and nullable variables no longer fit"
    } else {
        "the list nesting changed"
    }
}

/// Same list nesting and named type, ignoring nullability.
fn same_shape(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Named(x) | Type::NonNullNamed(x), Type::Named(y) | Type::NonNullNamed(y)) => x == y,
        (Type::List(x) | Type::NonNullList(x), Type::List(y) | Type::NonNullList(y)) => {
            same_shape(x, y)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::name;

    fn named(n: apollo_compiler::Name) -> Type {
        Type::Named(n)
    }

    #[test]
    fn outputs_may_become_non_null_but_not_nullable() {
        let string = named(name!("String"));
        let list = Type::List(Box::new(string.clone()));
        assert!(output_change_is_safe(&string, &string.clone().non_null()));
        assert!(!output_change_is_safe(&string.clone().non_null(), &string));
        assert!(output_change_is_safe(
            &list,
            &Type::List(Box::new(string.clone().non_null()))
        ));
        assert!(output_change_is_safe(&list, &list.clone().non_null()));
        assert!(!output_change_is_safe(&list.clone().non_null(), &list));
        assert!(!output_change_is_safe(&string, &list));
        assert!(!output_change_is_safe(&string, &named(name!("ID"))));
    }

    #[test]
    fn inputs_may_become_nullable_but_not_non_null() {
        let int = named(name!("Int"));
        let list = Type::List(Box::new(int.clone().non_null()));
        assert!(input_change_is_safe(&int.clone().non_null(), &int));
        assert!(!input_change_is_safe(&int, &int.clone().non_null()));
        assert!(input_change_is_safe(
            &list,
            &Type::List(Box::new(int.clone()))
        ));
        assert!(input_change_is_safe(&list.clone().non_null(), &list));
        assert!(!input_change_is_safe(
            &int,
            &Type::List(Box::new(int.clone()))
        ));
        assert!(!input_change_is_safe(&int, &named(name!("Float"))));
    }
}
