//! Derives the schema clients see: the supergraph minus link/join machinery and `@inaccessible`
//! elements.

use apollo_compiler::Schema;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::validation::Valid;

use crate::error::{SupergraphError, diagnostics_of};
use crate::link::Links;

pub(crate) fn api_schema(
    supergraph: &Valid<Schema>,
    links: &Links,
) -> Result<Valid<Schema>, SupergraphError> {
    let inaccessible = links
        .get("inaccessible")
        .map(|spec| spec.directive("inaccessible"));
    let hidden = |directives: &apollo_compiler::ast::DirectiveList| {
        inaccessible
            .as_deref()
            .is_some_and(|name| directives.has(name))
    };
    let hidden_component = |directives: &apollo_compiler::schema::DirectiveList| {
        inaccessible
            .as_deref()
            .is_some_and(|name| directives.has(name))
    };
    let mut schema: Schema = supergraph.clone().into_inner();

    schema
        .directive_definitions
        .retain(|name, _| !links.is_machinery_directive(name));
    schema
        .schema_definition
        .make_mut()
        .directives
        .0
        .retain(|d| !links.is_machinery_directive(&d.name));

    let removed_types: Vec<_> = schema
        .types
        .iter()
        .filter(|(name, def)| links.is_machinery_type(name) || hidden_component(def.directives()))
        .map(|(name, _)| name.clone())
        .collect();
    schema.types.retain(|name, _| !removed_types.contains(name));

    let keep_directive = |d: &apollo_compiler::Node<apollo_compiler::ast::Directive>| {
        !links.is_machinery_directive(&d.name)
    };
    for def in schema.types.values_mut() {
        match def {
            ExtendedType::Object(object) => {
                let object = object.make_mut();
                object.directives.0.retain(|d| keep_directive(d));
                object
                    .implements_interfaces
                    .retain(|i| !removed_types.contains(&i.name));
                object.fields.retain(|_, f| !hidden(&f.directives));
                for field in object.fields.values_mut() {
                    let field = field.make_mut();
                    field.directives.0.retain(keep_directive);
                    field.arguments.retain(|a| !hidden(&a.directives));
                    for arg in field.arguments.iter_mut() {
                        arg.make_mut().directives.0.retain(keep_directive);
                    }
                }
            }
            ExtendedType::Interface(interface) => {
                let interface = interface.make_mut();
                interface.directives.0.retain(|d| keep_directive(d));
                interface
                    .implements_interfaces
                    .retain(|i| !removed_types.contains(&i.name));
                interface.fields.retain(|_, f| !hidden(&f.directives));
                for field in interface.fields.values_mut() {
                    let field = field.make_mut();
                    field.directives.0.retain(keep_directive);
                    field.arguments.retain(|a| !hidden(&a.directives));
                    for arg in field.arguments.iter_mut() {
                        arg.make_mut().directives.0.retain(keep_directive);
                    }
                }
            }
            ExtendedType::Union(union_type) => {
                let union_type = union_type.make_mut();
                union_type.directives.0.retain(|d| keep_directive(d));
                union_type
                    .members
                    .retain(|m| !removed_types.contains(&m.name));
            }
            ExtendedType::Enum(enum_type) => {
                let enum_type = enum_type.make_mut();
                enum_type.directives.0.retain(|d| keep_directive(d));
                enum_type.values.retain(|_, v| !hidden(&v.directives));
                for value in enum_type.values.values_mut() {
                    value.make_mut().directives.0.retain(keep_directive);
                }
            }
            ExtendedType::InputObject(input) => {
                let input = input.make_mut();
                input.directives.0.retain(|d| keep_directive(d));
                input.fields.retain(|_, f| !hidden(&f.directives));
                for field in input.fields.values_mut() {
                    field.make_mut().directives.0.retain(keep_directive);
                }
            }
            ExtendedType::Scalar(scalar) => {
                scalar.make_mut().directives.0.retain(|d| keep_directive(d));
            }
        }
    }
    for def in schema.directive_definitions.values_mut() {
        let def = def.make_mut();
        def.arguments.retain(|a| !hidden(&a.directives));
    }

    schema
        .validate()
        .map_err(|errors| SupergraphError::InvalidApiSchema(diagnostics_of(&errors.errors)))
}
