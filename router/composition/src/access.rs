//! Where `@authenticated`, `@requiresScopes` and `@policy` may be applied in a subgraph, as
//! Apollo's composition (v2.9+) checks: on object types, their fields, scalars and enums;
//! never on interfaces, interface fields or `@interfaceObject` types (the supergraph's
//! interfaces get their requirements from their implementations instead), and never on
//! unions, input types, arguments or enum values.

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Access, TypeDef, TypeKind};

pub(crate) fn check_usage(subgraph: &str, types: &IndexMap<String, TypeDef>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let misplaced =
        |out: &mut Vec<Diagnostic>, access: &Access, site: &str, at: &Option<Location>| {
            for name in access.names() {
                out.push(
                    Diagnostic::new(
                        "INVALID_GRAPHQL",
                        format!("[{subgraph}] Directive \"@{name}\" may not be used on {site}."),
                    )
                    .at(at.clone()),
                );
            }
        };
    let on_interface = |out: &mut Vec<Diagnostic>,
                        access: &Access,
                        what: String,
                        at: &Option<Location>| {
        for name in access.names() {
            out.push(
                Diagnostic::new(
                    "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE",
                    format!(
                        "[{subgraph}] Invalid use of @{name} on {what}: @{name} cannot be applied on interfaces, interface fields and interface objects"
                    ),
                )
                .at(at.clone()),
            );
        }
    };
    for ty in types.values() {
        match ty.kind {
            TypeKind::Union => misplaced(&mut out, &ty.applied.access, "UNION", &ty.location),
            TypeKind::InputObject => {
                misplaced(&mut out, &ty.applied.access, "INPUT_OBJECT", &ty.location)
            }
            TypeKind::Interface => on_interface(
                &mut out,
                &ty.applied.access,
                format!("interface \"{}\"", ty.name),
                &ty.location,
            ),
            TypeKind::Object if ty.interface_object => on_interface(
                &mut out,
                &ty.applied.access,
                format!("interface object \"{}\"", ty.name),
                &ty.location,
            ),
            TypeKind::Object | TypeKind::Scalar | TypeKind::Enum => {}
        }
        for field in ty.fields.values() {
            if ty.kind == TypeKind::Interface {
                on_interface(
                    &mut out,
                    &field.applied.access,
                    format!("field \"{}.{}\"", ty.name, field.name),
                    &field.location,
                );
            }
            for arg in field.args.values() {
                misplaced(
                    &mut out,
                    &arg.applied.access,
                    "ARGUMENT_DEFINITION",
                    &arg.location,
                );
            }
        }
        for field in ty.input_fields.values() {
            misplaced(
                &mut out,
                &field.applied.access,
                "INPUT_FIELD_DEFINITION",
                &field.location,
            );
        }
        for value in ty.values.values() {
            misplaced(
                &mut out,
                &value.applied.access,
                "ENUM_VALUE",
                &value.location,
            );
        }
    }
    out
}
