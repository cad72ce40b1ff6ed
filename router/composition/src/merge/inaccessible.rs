//! `@inaccessible` consistency: what is hidden must not be needed by what clients see.

use super::model::{MergedSchema, MergedType};
use crate::diagnostic::Diagnostic;
use crate::model::{TypeKind, named};

fn hidden_type(schema: &MergedSchema, name: &str) -> bool {
    schema
        .types
        .get(name)
        .is_some_and(|t| t.applied.inaccessible)
}

pub fn validate(schema: &MergedSchema, errors: &mut Vec<Diagnostic>) {
    for root in &schema.roots {
        if let Some(ty) = schema.types.get(root)
            && ty.applied.inaccessible
        {
            let which = root.to_lowercase();
            // Apollo's code for the query root; the others keep the generic one.
            let code = if root == "Query" {
                "QUERY_ROOT_TYPE_INACCESSIBLE"
            } else {
                "DISALLOWED_INACCESSIBLE"
            };
            errors.push(
                    Diagnostic::new(
                        code,
                        format!("Type \"{root}\" is @inaccessible but is the root {which} type, which must be in the API schema."),
                    )
                    .at_all(ty.locations.iter().cloned().map(Some)),
                );
        }
    }
    for ty in schema.types.values() {
        if ty.applied.inaccessible {
            continue;
        }
        check_type(schema, ty, errors);
    }
}

fn check_type(schema: &MergedSchema, ty: &MergedType, errors: &mut Vec<Diagnostic>) {
    let type_name = &ty.name;
    for field in ty.fields.values() {
        let coordinate = format!("{type_name}.{}", field.name);
        if field.applied.inaccessible {
            if ty.kind == TypeKind::InputObject && field.ty.is_non_null() && field.default.is_none()
            {
                errors.push(
                    Diagnostic::new(
                        "REQUIRED_INACCESSIBLE",
                        format!("Input field \"{coordinate}\" is @inaccessible but is a required input field of its type."),
                    )
                    .at_all(field.locations.iter().cloned().map(Some)),
                );
            }
            // An implementation's field may not hide what its accessible interface shows.
            for interface in &ty.implements {
                let Some(iface) = schema.types.get(interface) else {
                    continue;
                };
                if iface.applied.inaccessible {
                    continue;
                }
                if iface
                    .fields
                    .get(&field.name)
                    .is_some_and(|f| !f.applied.inaccessible)
                {
                    errors.push(
                        Diagnostic::new(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            format!(
                                "Field \"{coordinate}\" is @inaccessible but implements the interface field \"{interface}.{}\", which is in the API schema.",
                                field.name
                            ),
                        )
                        .at_all(field.locations.iter().cloned().map(Some)),
                    );
                }
            }
            continue;
        }
        let target = named(&field.ty);
        if hidden_type(schema, target) {
            errors.push(
                Diagnostic::new(
                    "REFERENCED_INACCESSIBLE",
                    format!("Type \"{target}\" is @inaccessible but is referenced by \"{coordinate}\", which is in the API schema."),
                )
                .at_all(field.locations.iter().cloned().map(Some)),
            );
        }
        for arg in field.args.values() {
            let arg_coordinate = format!("{coordinate}({}:)", arg.name);
            if arg.applied.inaccessible {
                if arg.ty.is_non_null() && arg.default.is_none() {
                    errors.push(
                        Diagnostic::new(
                            "REQUIRED_INACCESSIBLE",
                            format!(
                                "Argument \"{arg_coordinate}\" is @inaccessible but is a required argument of its field."
                            ),
                        )
                        .at_all(arg.locations.iter().cloned().map(Some)),
                    );
                }
                continue;
            }
            let target = named(&arg.ty);
            if hidden_type(schema, target) {
                errors.push(
                    Diagnostic::new(
                        "REFERENCED_INACCESSIBLE",
                        format!(
                            "Type \"{target}\" is @inaccessible but is referenced by \"{arg_coordinate}\", which is in the API schema."
                        ),
                    )
                    .at_all(arg.locations.iter().cloned().map(Some)),
                );
            }
        }
    }
    let (children, noun) = match ty.kind {
        TypeKind::Object | TypeKind::Interface | TypeKind::InputObject => (
            ty.fields
                .values()
                .map(|f| f.applied.inaccessible)
                .collect::<Vec<_>>(),
            "fields",
        ),
        TypeKind::Enum => (
            ty.values.values().map(|v| v.applied.inaccessible).collect(),
            "values",
        ),
        TypeKind::Union => (
            ty.members.iter().map(|m| hidden_type(schema, m)).collect(),
            "members",
        ),
        TypeKind::Scalar => (Vec::new(), ""),
    };
    if !children.is_empty() && children.iter().all(|hidden| *hidden) {
        errors.push(
            Diagnostic::new(
                "ONLY_INACCESSIBLE_CHILDREN",
                format!("Type \"{type_name}\" is in the API schema but all of its {noun} are @inaccessible."),
            )
            .at_all(ty.locations.iter().cloned().map(Some)),
        );
    }
}
