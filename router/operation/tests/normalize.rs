//! Normalization: fragments inlined, conditions evaluated, selections merged.

mod support;

use operation::{NormalizedOperation, Selection};
use serde_json::json;
use support::{compile, normalize};

fn normalized(query: &str, variables: serde_json::Value) -> NormalizedOperation {
    compile(query, variables).normalized().clone()
}

#[test]
fn named_fragments_are_inlined_in_place() {
    insta::assert_snapshot!(normalize(
        "query Me { me { ...UserParts orders { id } } }
         fragment UserParts on User { id name reviews { ...ReviewParts } }
         fragment ReviewParts on Review { rating body }",
        json!({}),
    ));
}

#[test]
fn fields_with_the_same_response_key_are_merged() {
    insta::assert_snapshot!(normalize(
        "{ me { id reviews { id } name reviews { rating product { id } } reviews { product { name } } } }",
        json!({}),
    ));
}

#[test]
fn aliases_keep_fields_apart() {
    insta::assert_snapshot!(normalize(
        "{ first: product(id: \"1\") { name } second: product(id: \"2\") { name } first: product(id: \"1\") { price } }",
        json!({}),
    ));
}

#[test]
fn fragments_on_the_parent_type_are_flattened() {
    insta::assert_snapshot!(normalize(
        "{ me { ... { id } ... on User { name } ... on Node { id } } }",
        json!({}),
    ));
}

#[test]
fn fragments_under_abstract_types_are_kept_and_merged_by_type() {
    insta::assert_snapshot!(normalize(
        "{ search(text: \"lamp\") {
             __typename
             ... on Product { name }
             ... on User { username }
             ...P
             ... on Node { id }
         } }
         fragment P on Product { price name }",
        json!({}),
    ));
}

/// Oracle finding F3: CollectFields orders a merged field's sub-fields by their occurrences in
/// the document, so a fragment (or a field) repeated after other selections stays a separate
/// selection, which the executor merges back in document order: `name, __typename, price`
/// here, not `name, price, __typename`. Fragments on disjoint types still merge.
#[test]
fn repeated_selections_after_others_stay_apart_to_keep_the_response_order() {
    insta::assert_snapshot!(normalize(
        "query($b: Boolean!) {
           search(text: \"lamp\") { ... on Product { name } ... on User { username } }
           search(text: \"lamp\") { __typename ... on Product { price } ... on User { id } }
           product(id: \"1\") { sku }
           product(id: \"1\") @include(if: $b) { name }
           product(id: \"1\") { price sku }
         }",
        json!({ "b": true }),
    ));
}

/// Oracle finding F11: a fragment that a literal condition empties adds nothing, so it does not
/// keep the repeated `reviews` apart (two copies of one key side by side nulled `reviews`).
#[test]
fn a_fragment_emptied_by_literal_conditions_does_not_keep_a_repeated_field_apart() {
    insta::assert_snapshot!(normalize(
        "query($b: Boolean!) {
           me {
             reviews { id }
             ... on User @include(if: $b) { name @include(if: false) ... on User { id @skip(if: true) } }
             reviews { rating }
           }
         }",
        json!({ "b": false }),
    ));
}

#[test]
fn fragment_on_the_interface_itself_is_flattened() {
    insta::assert_snapshot!(normalize(
        "{ node(id: \"1\") { ... on Node { id } ...N } } fragment N on Node { __typename }",
        json!({}),
    ));
}

#[test]
fn skip_and_include_literals_are_evaluated() {
    insta::assert_snapshot!(normalize(
        "{ me { id name @skip(if: true) username @include(if: false) orders @include(if: true) { id } cart @skip(if: false) { id } } }",
        json!({}),
    ));
}

#[test]
fn skip_and_include_variables_are_kept_for_each_request_to_decide() {
    let query = "query($withReviews: Boolean!, $noCart: Boolean = true) {
        me { id reviews @include(if: $withReviews) { id } cart @skip(if: $noCart) { id } }
    }";
    let with_reviews = normalize(query, json!({ "withReviews": true }));
    let without_reviews_with_cart =
        normalize(query, json!({ "withReviews": false, "noCart": false }));
    assert_eq!(with_reviews, without_reviews_with_cart);
    insta::assert_snapshot!(with_reviews);
}

#[test]
fn skip_wins_over_include() {
    let out = normalize(
        "{ me { id name @skip(if: true) @include(if: true) } }",
        json!({}),
    );
    assert!(!out.contains("name"), "{out}");
}

#[test]
fn skipped_occurrence_does_not_remove_an_included_one() {
    let out = normalize("{ me { name @skip(if: true) name } }", json!({}));
    assert!(out.contains("name"), "{out}");
}

#[test]
fn conditions_on_fragments_apply_to_their_selections() {
    insta::assert_snapshot!(normalize(
        "query($yes: Boolean!) {
           me { id ...Extra @include(if: $yes) ... @skip(if: $yes) { username } }
           search(text: \"x\") { ... on User @skip(if: true) { name } ... on Product @include(if: $yes) { sku } }
         }
         fragment Extra on User { name }",
        json!({ "yes": true }),
    ));
}

#[test]
fn selections_keep_first_appearance_order() {
    let op = normalized(
        "{ me { name ...F id } } fragment F on User { username name orders { id } }",
        json!({}),
    );
    let Some(Selection::Field(me)) = op.selection_set.selections.first() else {
        panic!("me is the first root selection");
    };
    let keys: Vec<&str> = me
        .selection_set
        .as_ref()
        .expect("me has a selection set")
        .selections
        .iter()
        .map(|s| match s {
            Selection::Field(f) => f.response_key().as_str(),
            Selection::InlineFragment(_) => "...",
        })
        .collect();
    assert_eq!(keys, ["name", "username", "orders", "id"]);
}

#[test]
fn equivalent_documents_normalize_to_equal_operations() {
    let a = normalized(
        "query Q { product(sku: \"SKU-000001\", id: \"1\") { ...F } } fragment F on Product { id name reviews { rating } }",
        json!({}),
    );
    let b = normalized(
        "query Q { product(id: \"1\", sku: \"SKU-000001\") { id ... on Product { name reviews { rating } } name @skip(if: true) } }",
        json!({}),
    );
    assert_eq!(a, b);
    assert_eq!(a.to_compact_string(), b.to_compact_string());
    let c = normalized(
        "query Q { product(id: \"2\", sku: \"SKU-000001\") { id name reviews { rating } } }",
        json!({}),
    );
    assert_ne!(a, c);
}

#[test]
fn field_types_come_from_the_api_schema() {
    let op = normalized(
        "{ me { reviews { rating } orders { createdAt } } }",
        json!({}),
    );
    let mut types = Vec::new();
    fn walk(set: &operation::SelectionSet, out: &mut Vec<String>) {
        for selection in &set.selections {
            if let Selection::Field(f) = selection {
                out.push(format!("{}.{}: {}", set.ty, f.name, f.ty));
                if let Some(sub) = &f.selection_set {
                    walk(sub, out);
                }
            }
        }
    }
    walk(&op.selection_set, &mut types);
    assert_eq!(
        types,
        [
            "Query.me: User",
            "User.reviews: [Review!]!",
            "Review.rating: Int!",
            "User.orders: [Order!]!",
            "Order.createdAt: DateTime!",
        ]
    );
}

#[test]
fn leaf_fields_have_no_selection_set() {
    let op = normalized("{ __typename me { id } }", json!({}));
    let fields: Vec<(&str, bool)> = op
        .selection_set
        .selections
        .iter()
        .filter_map(|s| match s {
            Selection::Field(f) => Some((f.name.as_str(), f.selection_set.is_some())),
            Selection::InlineFragment(_) => None,
        })
        .collect();
    assert_eq!(fields, [("__typename", false), ("me", true)]);
}

#[test]
fn arguments_keep_variable_references() {
    let op = normalized(
        "query($id: ID!, $n: Int, $skipped: Int) { user(id: $id) { reviews(first: $n) { id } other: reviews(first: $skipped) @include(if: false) { id } } }",
        json!({ "id": "1" }),
    );
    assert_eq!(
        op.to_compact_string(),
        "query($id: ID!, $n: Int) { user(id: $id) { reviews(first: $n) { id } } }"
    );
    let used: Vec<String> = op.used_variables().iter().map(|n| n.to_string()).collect();
    assert_eq!(used, ["id", "n"]);
    assert_eq!(
        op.variables.len(),
        3,
        "the declarations themselves are all kept"
    );
}

#[test]
fn mutation_root_fields_keep_their_order() {
    insta::assert_snapshot!(normalize(
        "mutation { first: addToCart(productId: \"1\") { id } checkout { id } second: addToCart(productId: \"2\", quantity: 3) { total } }",
        json!({}),
    ));
}

#[test]
fn all_sub_selections_skipped_leaves_an_empty_selection_set() {
    let op = normalized("{ me { id @skip(if: true) } }", json!({}));
    let Some(Selection::Field(me)) = op.selection_set.selections.first() else {
        panic!("me is kept");
    };
    assert_eq!(
        me.selection_set.as_ref().map(|s| s.selections.len()),
        Some(0)
    );
}

#[test]
fn printed_operation_stays_valid_when_everything_inside_is_skipped() {
    let op = normalized("{ me { id @skip(if: true) } cart { id } }", json!({}));
    let printed = op.to_compact_string();
    assert_eq!(printed, "{ me { __typename } cart { id } }");
    let schema = support::api_schema();
    operation::apollo_compiler::ExecutableDocument::parse_and_validate(
        &schema,
        printed,
        "printed.graphql",
    )
    .expect("printed operation validates");
}

#[test]
fn printed_operation_validates_against_the_api_schema() {
    let op = normalized(
        "query Q($id: ID!, $yes: Boolean!) {
           user(id: $id) { ...U ... @include(if: $yes) { cart { total } } }
           search(text: \"a\") { ... on Product { ...P } ... on User { ...U } }
         }
         fragment U on User { id name reviews { product { ...P } } }
         fragment P on Product { sku price }",
        json!({ "id": "1", "yes": true }),
    );
    let schema = support::api_schema();
    operation::apollo_compiler::ExecutableDocument::parse_and_validate(
        &schema,
        op.to_string(),
        "printed.graphql",
    )
    .expect("printed operation validates");
    insta::assert_snapshot!(op.to_string());
}

#[test]
fn all_root_fields_skipped_leaves_nothing_to_plan() {
    let op = normalized("{ me @skip(if: true) { id } }", json!({}));
    assert!(op.selection_set.selections.is_empty());
    assert!(op.is_introspection_only());
}

#[test]
fn variable_conditions_are_kept_whatever_the_values() {
    let query = "query($off: Boolean!) { me @skip(if: $off) { id } }";
    let skipped = normalized(query, json!({ "off": true }));
    let kept = normalized(query, json!({ "off": false }));
    assert_eq!(
        skipped, kept,
        "the normalized operation never depends on values"
    );
    assert_eq!(
        kept.to_compact_string(),
        "query($off: Boolean!) { me @skip(if: $off) { id } }"
    );
    assert!(!kept.is_introspection_only());
}

#[test]
fn occurrences_under_different_conditions_stay_apart() {
    let op = normalized(
        "query($a: Boolean!, $b: Boolean!) {
           me { name @include(if: $a) name name @include(if: $a) reviews @skip(if: $b) { id } reviews @skip(if: $b) { rating } }
         }",
        json!({ "a": true, "b": false }),
    );
    assert_eq!(
        op.to_compact_string(),
        "query($a: Boolean!, $b: Boolean!) { me { name @include(if: $a) name reviews @skip(if: $b) { id rating } } }"
    );
}

#[test]
fn literal_conditions_next_to_variable_ones_are_evaluated() {
    let op = normalized(
        "query($a: Boolean!) { me { name @include(if: $a) @skip(if: false) id @include(if: $a) @skip(if: true) } }",
        json!({ "a": true }),
    );
    assert_eq!(
        op.to_compact_string(),
        "query($a: Boolean!) { me { name @include(if: $a) } }"
    );
}

#[test]
fn nested_abstract_fragments_stay_nested() {
    insta::assert_snapshot!(normalize(
        "{ search(text: \"a\") { ... on Node { id ... on Product { sku } ... on Node { __typename } } } }",
        json!({}),
    ));
}

#[test]
fn compiler_is_shared_between_threads() -> anyhow::Result<()> {
    let compiler = std::sync::Arc::new(support::compiler());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let compiler = compiler.clone();
            std::thread::spawn(move || {
                compiler
                    .compile(
                        "query($id: ID!) { user(id: $id) { id name } }",
                        None,
                        &support::vars(json!({ "id": i.to_string() })),
                    )
                    .map(|p| p.variables().clone())
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        let variables = handle
            .join()
            .map_err(|_| anyhow::anyhow!("thread panicked"))??;
        assert_eq!(variables.get("id"), Some(&json!(i.to_string())));
    }
    Ok(())
}

#[test]
fn covariant_field_takes_the_parent_objects_type() {
    let op = normalized(
        "{ cart { ... on Owned { owner { id ... on Product { sku } } } owner { name ... on User { username } } } }",
        json!({}),
    );
    assert_eq!(
        op.to_compact_string(),
        "{ cart { owner { id name username } } }",
        "fragments on Product can never match a User, fragments on User always do"
    );
    let Some(Selection::Field(cart)) = op.selection_set.selections.first() else {
        panic!("cart is kept");
    };
    let Some(Selection::Field(owner)) = cart
        .selection_set
        .as_ref()
        .and_then(|s| s.selections.first())
    else {
        panic!("owner is kept");
    };
    assert_eq!(owner.ty.to_string(), "User");
    assert_eq!(
        owner.selection_set.as_ref().map(|s| s.ty.as_str()),
        Some("User")
    );
}

#[test]
fn owned_interface_field_keeps_its_own_type() {
    insta::assert_snapshot!(normalize(
        "{ node(id: \"1\") { ... on Owned { owner { id ... on User { name } } } } }",
        json!({}),
    ));
}
