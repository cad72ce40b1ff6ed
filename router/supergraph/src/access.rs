//! Access requirements read from the supergraph: `@authenticated`
//! (`https://specs.apollo.dev/authenticated/v0.1`), `@requiresScopes(scopes:)`
//! (`requiresScopes/v0.1`) and `@policy(policies:)` (`policy/v0.1`), under whatever local
//! names the supergraph's `@link`s give them (`as:`, `import:`). Only elements linked to those
//! specs count: a same-named custom directive without the link means nothing here.

use std::collections::HashMap;

use apollo_compiler::ast::{Directive, Value};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::{Name, Node, Schema};

use crate::error::{InvalidArgument, SupergraphError, location_of};
use crate::link::Links;

/// What a client must have to read a type or field. Requirements of different sources (the
/// field, its type, ...) are all needed together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requirements {
    /// `@authenticated`: any verified identity.
    pub authenticated: bool,
    /// `@requiresScopes`: one of the inner lists must be wholly granted.
    pub scopes: Option<Vec<Vec<String>>>,
    /// `@policy`: one of the inner lists of named policies must all pass.
    pub policies: Option<Vec<Vec<String>>>,
}

impl Requirements {
    pub fn is_empty(&self) -> bool {
        !self.authenticated && self.scopes.is_none() && self.policies.is_none()
    }
}

/// Every type and field with requirements.
#[derive(Debug, Clone, Default)]
pub struct AccessControl {
    types: HashMap<Name, Requirements>,
    fields: HashMap<Name, HashMap<Name, Requirements>>,
}

impl AccessControl {
    /// No element has requirements: requests need no authorization walk.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.fields.is_empty()
    }

    /// Requirements on a type (object, interface, scalar or enum).
    pub fn on_type(&self, type_name: &str) -> Option<&Requirements> {
        self.types.get(type_name)
    }

    /// Requirements on a field of an object or interface type.
    pub fn on_field(&self, type_name: &str, field: &str) -> Option<&Requirements> {
        self.fields.get(type_name)?.get(field)
    }

    /// Every policy name the supergraph uses, sorted (for configuration checks).
    pub fn policy_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .types
            .values()
            .chain(self.fields.values().flat_map(|f| f.values()))
            .filter_map(|r| r.policies.as_ref())
            .flatten()
            .flatten()
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

struct Names {
    authenticated: Option<String>,
    scopes: Option<String>,
    policy: Option<String>,
}

pub(crate) fn read(schema: &Schema, links: &Links) -> Result<AccessControl, SupergraphError> {
    let names = Names {
        authenticated: links
            .get("authenticated")
            .map(|s| s.directive("authenticated")),
        scopes: links
            .get("requiresScopes")
            .map(|s| s.directive("requiresScopes")),
        policy: links.get("policy").map(|s| s.directive("policy")),
    };
    let mut out = AccessControl::default();
    if names.authenticated.is_none() && names.scopes.is_none() && names.policy.is_none() {
        return Ok(out);
    }
    for (type_name, def) in &schema.types {
        let directives = def.directives().iter().map(|c| &c.node);
        let on_type = requirements(schema, &names, type_name.as_str(), directives)?;
        if !on_type.is_empty() {
            out.types.insert(type_name.clone(), on_type);
        }
        let fields = match def {
            ExtendedType::Object(object) => &object.fields,
            ExtendedType::Interface(interface) => &interface.fields,
            _ => continue,
        };
        for (field_name, field) in fields {
            let coordinate = format!("{type_name}.{field_name}");
            let on_field = requirements(schema, &names, &coordinate, field.directives.iter())?;
            if !on_field.is_empty() {
                out.fields
                    .entry(type_name.clone())
                    .or_default()
                    .insert(field_name.clone(), on_field);
            }
        }
    }
    Ok(out)
}

fn requirements<'a>(
    schema: &Schema,
    names: &Names,
    coordinate: &str,
    directives: impl IntoIterator<Item = &'a Node<Directive>>,
) -> Result<Requirements, SupergraphError> {
    let mut out = Requirements::default();
    for directive in directives {
        let name = directive.name.as_str();
        if names.authenticated.as_deref() == Some(name) {
            out.authenticated = true;
        } else if names.scopes.as_deref() == Some(name) {
            out.scopes = Some(dnf(schema, coordinate, directive, "scopes")?);
        } else if names.policy.as_deref() == Some(name) {
            out.policies = Some(dnf(schema, coordinate, directive, "policies")?);
        }
    }
    Ok(out)
}

fn dnf(
    schema: &Schema,
    coordinate: &str,
    directive: &Node<Directive>,
    argument: &str,
) -> Result<Vec<Vec<String>>, SupergraphError> {
    let invalid = || {
        SupergraphError::InvalidArgument(Box::new(InvalidArgument {
            coordinate: coordinate.to_string(),
            directive: directive.name.to_string(),
            argument: argument.to_string(),
            problem: "must be a list of lists of strings".to_string(),
            location: location_of(directive.location(), &schema.sources),
        }))
    };
    let Some(Value::List(outer)) = directive.specified_argument_by_name(argument).map(|v| &**v)
    else {
        return Err(invalid());
    };
    outer
        .iter()
        .map(|inner| match &**inner {
            Value::List(items) => items
                .iter()
                .map(|item| match &**item {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(invalid()),
                })
                .collect(),
            _ => Err(invalid()),
        })
        .collect()
}
