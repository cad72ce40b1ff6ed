//! Two SDLs compared by structure: the same types of the same kinds, the same fields with the
//! same types and arguments (types and defaults), the same interfaces, union members, enum
//! values and input fields. Descriptions and directive applications are not compared (the API
//! schema keeps the subgraphs' descriptions, the monolith has its own).

use std::collections::BTreeSet;

use apollo_compiler::Schema;
use apollo_compiler::schema::ExtendedType;

/// An SDL that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("the {which} SDL does not parse: {errors}")]
pub struct SdlError {
    pub which: &'static str,
    pub errors: String,
}

/// One line per fact of the schema (`type User object`, `field User.reviews: [Review!]!`, ...),
/// sorted; built-in types and introspection are left out.
pub fn facts(sdl: &str, which: &'static str) -> Result<BTreeSet<String>, SdlError> {
    let schema = Schema::parse(sdl, "schema.graphql").map_err(|errors| SdlError {
        which,
        errors: errors.errors.to_string(),
    })?;
    let mut facts = BTreeSet::new();
    for (name, ty) in &schema.types {
        if ty.is_built_in() {
            continue;
        }
        match ty {
            ExtendedType::Scalar(_) => {
                facts.insert(format!("type {name} scalar"));
            }
            ExtendedType::Object(object) => {
                facts.insert(format!("type {name} object"));
                for interface in &object.implements_interfaces {
                    facts.insert(format!("implements {name}: {}", interface.name));
                }
                for (field_name, field) in &object.fields {
                    field_facts(&mut facts, name, field_name, field);
                }
            }
            ExtendedType::Interface(interface) => {
                facts.insert(format!("type {name} interface"));
                for implemented in &interface.implements_interfaces {
                    facts.insert(format!("implements {name}: {}", implemented.name));
                }
                for (field_name, field) in &interface.fields {
                    field_facts(&mut facts, name, field_name, field);
                }
            }
            ExtendedType::Union(union) => {
                facts.insert(format!("type {name} union"));
                for member in &union.members {
                    facts.insert(format!("member {name}: {}", member.name));
                }
            }
            ExtendedType::Enum(enumeration) => {
                facts.insert(format!("type {name} enum"));
                for value in enumeration.values.keys() {
                    facts.insert(format!("value {name}.{value}"));
                }
            }
            ExtendedType::InputObject(input) => {
                facts.insert(format!("type {name} input"));
                for (field_name, field) in &input.fields {
                    let default = field
                        .default_value
                        .as_ref()
                        .map(|value| format!(" = {value}"))
                        .unwrap_or_default();
                    facts.insert(format!("input {name}.{field_name}: {}{default}", field.ty));
                }
            }
        }
    }
    for (kind, root) in [
        ("query", &schema.schema_definition.query),
        ("mutation", &schema.schema_definition.mutation),
        ("subscription", &schema.schema_definition.subscription),
    ] {
        if let Some(root) = root {
            facts.insert(format!("root {kind}: {}", root.name));
        }
    }
    Ok(facts)
}

fn field_facts(
    facts: &mut BTreeSet<String>,
    type_name: &apollo_compiler::Name,
    field_name: &apollo_compiler::Name,
    field: &apollo_compiler::schema::FieldDefinition,
) {
    if field_name.starts_with("__") {
        return;
    }
    facts.insert(format!("field {type_name}.{field_name}: {}", field.ty));
    for argument in &field.arguments {
        let default = argument
            .default_value
            .as_ref()
            .map(|value| format!(" = {value}"))
            .unwrap_or_default();
        facts.insert(format!(
            "argument {type_name}.{field_name}({}): {}{default}",
            argument.name, argument.ty
        ));
    }
}

/// What one SDL has that the other lacks: (`only in left`, `only in right`).
pub fn differences(
    left: &BTreeSet<String>,
    right: &BTreeSet<String>,
) -> (Vec<String>, Vec<String>) {
    (
        left.difference(right).cloned().collect(),
        right.difference(left).cloned().collect(),
    )
}
