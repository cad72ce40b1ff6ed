//! Reads the join directives of a parsed supergraph into [`TypeMeta`]s.

use apollo_compiler::ast::Value;
use apollo_compiler::executable;
use apollo_compiler::schema::{Component, Directive, ExtendedType, Type};
use apollo_compiler::validation::Valid;
use apollo_compiler::{Name, Node, Schema};
use indexmap::IndexMap;

use crate::error::{
    InvalidArgument, InvalidFieldSet, SupergraphError, diagnostics_of, location_of,
};
use crate::link::{LinkedSpec, Links, Version};
use crate::model::{
    FieldInGraph, FieldMeta, FieldSet, GraphId, Key, Subgraph, TypeInGraph, TypeKind, TypeMeta,
};

pub(crate) struct Extracted {
    pub subgraphs: Vec<Subgraph>,
    pub types: IndexMap<Name, TypeMeta>,
    pub join_version: Version,
}

struct Ctx<'a> {
    schema: &'a Valid<Schema>,
    join: &'a LinkedSpec,
    graphs: IndexMap<Name, GraphId>,
}

impl Ctx<'_> {
    fn loc(&self, directive: &Node<Directive>) -> Option<crate::Location> {
        location_of(directive.location(), &self.schema.sources)
    }

    fn graph_arg(
        &self,
        coordinate: &str,
        directive: &Node<Directive>,
    ) -> Result<Option<GraphId>, SupergraphError> {
        match directive.specified_argument_by_name("graph").map(|v| &**v) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Enum(value)) => match self.graphs.get(value) {
                Some(id) => Ok(Some(*id)),
                None => Err(SupergraphError::UnknownGraph {
                    coordinate: coordinate.to_string(),
                    directive: directive.name.to_string(),
                    graph: value.to_string(),
                    location: self.loc(directive),
                }),
            },
            Some(other) => Err(self.invalid(
                coordinate,
                directive,
                "graph",
                format!("must be a join__Graph value, found {other}"),
            )),
        }
    }

    fn invalid(
        &self,
        coordinate: &str,
        directive: &Node<Directive>,
        argument: &str,
        problem: String,
    ) -> SupergraphError {
        SupergraphError::InvalidArgument(Box::new(InvalidArgument {
            coordinate: coordinate.to_string(),
            directive: directive.name.to_string(),
            argument: argument.to_string(),
            problem,
            location: self.loc(directive),
        }))
    }

    fn string_arg(
        &self,
        coordinate: &str,
        directive: &Node<Directive>,
        argument: &str,
    ) -> Result<Option<String>, SupergraphError> {
        match directive.specified_argument_by_name(argument).map(|v| &**v) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.invalid(
                coordinate,
                directive,
                argument,
                format!("must be a string, found {other}"),
            )),
        }
    }

    fn bool_arg(
        &self,
        coordinate: &str,
        directive: &Node<Directive>,
        argument: &str,
        default: bool,
    ) -> Result<bool, SupergraphError> {
        match directive.specified_argument_by_name(argument).map(|v| &**v) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Boolean(b)) => Ok(*b),
            Some(other) => Err(self.invalid(
                coordinate,
                directive,
                argument,
                format!("must be a boolean, found {other}"),
            )),
        }
    }

    fn field_set(
        &self,
        coordinate: &str,
        directive: &Node<Directive>,
        argument: &str,
        parent: &Name,
        text: String,
    ) -> Result<FieldSet, SupergraphError> {
        match executable::FieldSet::parse_and_validate(
            self.schema,
            parent.clone(),
            text.as_str(),
            "field_set.graphql",
        ) {
            Ok(parsed) => Ok(FieldSet {
                text,
                selection_set: parsed.into_inner().selection_set,
            }),
            Err(errors) => Err(SupergraphError::InvalidFieldSet(Box::new(
                InvalidFieldSet {
                    coordinate: coordinate.to_string(),
                    directive: directive.name.to_string(),
                    argument: argument.to_string(),
                    field_set: text,
                    diagnostics: diagnostics_of(&errors.errors),
                    location: self.loc(directive),
                },
            ))),
        }
    }
}

fn directives<'a>(
    list: &'a apollo_compiler::schema::DirectiveList,
    name: &'a str,
) -> impl Iterator<Item = &'a Component<Directive>> + 'a {
    list.get_all(name)
}

pub(crate) fn extract(schema: &Valid<Schema>, links: &Links) -> Result<Extracted, SupergraphError> {
    let join = links.get("join").ok_or(SupergraphError::NotASupergraph)?;
    let join_version = join.version;
    if join_version.major != 0 || !(1..=5).contains(&join_version.minor) {
        return Err(SupergraphError::UnsupportedSpecVersion {
            spec: "join".into(),
            version: join_version.to_string(),
            supported: "v0.1 to v0.5",
            location: join.location,
        });
    }
    let graph_enum_name = join.type_name("Graph");
    let Some(ExtendedType::Enum(graph_enum)) = schema.types.get(graph_enum_name.as_str()) else {
        return Err(SupergraphError::MissingGraphEnum(graph_enum_name));
    };
    let graph_directive = join.directive("graph");
    let mut subgraphs = Vec::new();
    let mut graphs = IndexMap::new();
    for (value, def) in &graph_enum.values {
        let coordinate = format!("{graph_enum_name}.{value}");
        let Some(directive) = def.directives.get(&graph_directive) else {
            return Err(SupergraphError::MissingGraphName {
                coordinate,
                directive: graph_directive,
                location: location_of(def.location(), &schema.sources),
            });
        };
        let ctx = Ctx {
            schema,
            join,
            graphs: IndexMap::new(),
        };
        let Some(name) = ctx.string_arg(&coordinate, directive, "name")? else {
            return Err(SupergraphError::MissingGraphName {
                coordinate,
                directive: graph_directive,
                location: location_of(directive.location(), &schema.sources),
            });
        };
        let url = ctx.string_arg(&coordinate, directive, "url")?;
        graphs.insert(value.clone(), subgraphs.len());
        subgraphs.push(Subgraph {
            name,
            enum_value: value.clone(),
            url,
        });
    }
    let ctx = Ctx {
        schema,
        join,
        graphs,
    };
    let all_graphs: Vec<GraphId> = (0..subgraphs.len()).collect();

    let type_directive = join.directive("type");
    let owner_directive = join.directive("owner");
    let field_directive = join.directive("field");
    let implements_directive = join.directive("implements");
    let member_directive = join.directive("unionMember");

    let mut types = IndexMap::new();
    for (name, def) in &schema.types {
        if def.is_built_in() || links.is_machinery_type(name) {
            continue;
        }
        let kind = match def {
            ExtendedType::Object(_) => TypeKind::Object,
            ExtendedType::Interface(_) => TypeKind::Interface,
            ExtendedType::Union(_) => TypeKind::Union,
            ExtendedType::Scalar(_) => TypeKind::Scalar,
            ExtendedType::Enum(_) => TypeKind::Enum,
            ExtendedType::InputObject(_) => TypeKind::InputObject,
        };
        let type_directives = def.directives();
        let mut type_graphs: IndexMap<GraphId, TypeInGraph> = IndexMap::new();
        for directive in directives(type_directives, &type_directive) {
            let coordinate = name.to_string();
            let Some(graph) = ctx.graph_arg(&coordinate, directive)? else {
                return Err(ctx.invalid(&coordinate, directive, "graph", "is required".into()));
            };
            let entry = type_graphs.entry(graph).or_default();
            entry.extension |= ctx.bool_arg(&coordinate, directive, "extension", false)?;
            entry.interface_object |=
                ctx.bool_arg(&coordinate, directive, "isInterfaceObject", false)?;
            if let Some(text) = ctx.string_arg(&coordinate, directive, "key")? {
                let resolvable = ctx.bool_arg(&coordinate, directive, "resolvable", true)?;
                let fields = ctx.field_set(&coordinate, directive, "key", name, text)?;
                entry.keys.push(Key { fields, resolvable });
            }
        }
        if type_graphs.is_empty() {
            // Types the join machinery does not annotate (Fed v1 value types, scalars, enums)
            // exist in every subgraph.
            for graph in &all_graphs {
                type_graphs.insert(*graph, TypeInGraph::default());
            }
        }
        let owner = match directives(type_directives, &owner_directive).next() {
            Some(directive) => ctx.graph_arg(name, directive)?,
            None => None,
        };

        if matches!(kind, TypeKind::Object | TypeKind::Interface) {
            let implemented: Vec<Name> = match def {
                ExtendedType::Object(o) => o
                    .implements_interfaces
                    .iter()
                    .map(|i| i.name.clone())
                    .collect(),
                ExtendedType::Interface(i) => i
                    .implements_interfaces
                    .iter()
                    .map(|i| i.name.clone())
                    .collect(),
                _ => Vec::new(),
            };
            let mut explicit = false;
            for directive in directives(type_directives, &implements_directive) {
                explicit = true;
                let Some(graph) = ctx.graph_arg(name, directive)? else {
                    return Err(ctx.invalid(name, directive, "graph", "is required".into()));
                };
                let Some(interface) = ctx.string_arg(name, directive, "interface")? else {
                    return Err(ctx.invalid(name, directive, "interface", "is required".into()));
                };
                let interface = Name::new(&interface).map_err(|_| {
                    ctx.invalid(name, directive, "interface", "is not a GraphQL name".into())
                })?;
                if let Some(entry) = type_graphs.get_mut(&graph) {
                    entry.implements.push(interface);
                }
            }
            if !explicit && join_version < (Version { major: 0, minor: 2 }) {
                for entry in type_graphs.values_mut() {
                    entry.implements = implemented.clone();
                }
            }
        }
        if let ExtendedType::Union(union_def) = def {
            let mut explicit = false;
            for directive in directives(type_directives, &member_directive) {
                explicit = true;
                let Some(graph) = ctx.graph_arg(name, directive)? else {
                    return Err(ctx.invalid(name, directive, "graph", "is required".into()));
                };
                let Some(member) = ctx.string_arg(name, directive, "member")? else {
                    return Err(ctx.invalid(name, directive, "member", "is required".into()));
                };
                let member = Name::new(&member).map_err(|_| {
                    ctx.invalid(name, directive, "member", "is not a GraphQL name".into())
                })?;
                if let Some(entry) = type_graphs.get_mut(&graph) {
                    entry.union_members.push(member);
                }
            }
            if !explicit {
                // Before join v0.3 a union's members were not recorded per subgraph.
                for entry in type_graphs.values_mut() {
                    entry.union_members =
                        union_def.members.iter().map(|m| m.name.clone()).collect();
                }
            }
        }

        let mut fields = IndexMap::new();
        let field_defs: Vec<&Component<apollo_compiler::schema::FieldDefinition>> = match def {
            ExtendedType::Object(o) => o.fields.values().collect(),
            ExtendedType::Interface(i) => i.fields.values().collect(),
            _ => Vec::new(),
        };
        for field in field_defs {
            let coordinate = format!("{name}.{}", field.name);
            let mut field_graphs = IndexMap::new();
            let mut has_join_field = false;
            for directive in field.directives.get_all(&field_directive) {
                has_join_field = true;
                let Some(graph) = ctx.graph_arg(&coordinate, directive)? else {
                    // `@join__field` without a graph: no subgraph resolves it at this type
                    // (fields contributed by an `@interfaceObject`).
                    continue;
                };
                let ty = match ctx.string_arg(&coordinate, directive, "type")? {
                    Some(text) => Type::parse(&text, "type.graphql").map_err(|_| {
                        ctx.invalid(
                            &coordinate,
                            directive,
                            "type",
                            format!("{text:?} is not a GraphQL type"),
                        )
                    })?,
                    None => field.ty.clone(),
                };
                let requires = match ctx.string_arg(&coordinate, directive, "requires")? {
                    Some(text) => {
                        Some(ctx.field_set(&coordinate, directive, "requires", name, text)?)
                    }
                    None => None,
                };
                let provides = match ctx.string_arg(&coordinate, directive, "provides")? {
                    Some(text) => {
                        let target = field.ty.inner_named_type().clone();
                        Some(ctx.field_set(&coordinate, directive, "provides", &target, text)?)
                    }
                    None => None,
                };
                field_graphs.insert(
                    graph,
                    FieldInGraph {
                        ty,
                        external: ctx.bool_arg(&coordinate, directive, "external", false)?,
                        requires,
                        provides,
                        override_from: ctx.string_arg(&coordinate, directive, "override")?,
                        override_label: ctx.string_arg(&coordinate, directive, "overrideLabel")?,
                        used_overridden: ctx.bool_arg(
                            &coordinate,
                            directive,
                            "usedOverridden",
                            false,
                        )?,
                    },
                );
            }
            if !has_join_field {
                let defaults: Vec<GraphId> = match owner {
                    Some(owner) => vec![owner],
                    None => type_graphs.keys().copied().collect(),
                };
                for graph in defaults {
                    field_graphs.insert(
                        graph,
                        FieldInGraph {
                            ty: field.ty.clone(),
                            external: false,
                            requires: None,
                            provides: None,
                            override_from: None,
                            override_label: None,
                            used_overridden: false,
                        },
                    );
                }
            }
            if join_version.minor == 1 {
                // Fed v1 attributes key fields to the owner only, yet every subgraph declaring
                // a key can return its fields.
                for (graph, in_graph) in &type_graphs {
                    let in_key = in_graph.keys.iter().any(|k| {
                        k.fields
                            .selection_set
                            .fields()
                            .any(|f| f.name == field.name)
                    });
                    if in_key && !field_graphs.contains_key(graph) {
                        field_graphs.insert(
                            *graph,
                            FieldInGraph {
                                ty: field.ty.clone(),
                                external: false,
                                requires: None,
                                provides: None,
                                override_from: None,
                                override_label: None,
                                used_overridden: false,
                            },
                        );
                    }
                }
            }
            fields.insert(
                field.name.clone(),
                FieldMeta {
                    name: field.name.clone(),
                    ty: field.ty.clone(),
                    graphs: field_graphs,
                },
            );
        }
        types.insert(
            name.clone(),
            TypeMeta {
                name: name.clone(),
                kind,
                graphs: type_graphs,
                fields,
            },
        );
    }
    let _ = &ctx.join;
    Ok(Extracted {
        subgraphs,
        types,
        join_version,
    })
}
