//! Apollo's hints on types that subgraphs declare differently: an object type that is an
//! entity (has a `@key`) in some subgraphs only (`INCONSISTENT_ENTITY`), and a field of a
//! value type (a non-entity object, or an interface without keys) that only some of the
//! subgraphs defining the type have (`INCONSISTENT_OBJECT_VALUE_TYPE_FIELD`,
//! `INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD`). Federation 1 subgraphs share value types this
//! way; the hints say where they disagree.

use super::merger::Merger;
use crate::diagnostic::{Hint, Location, subgraphs_phrase};
use crate::model::{TypeDef, TypeKind};

impl Merger<'_> {
    pub(super) fn hint_on_inconsistent_types(
        &mut self,
        name: &str,
        kind: TypeKind,
        sources: &[(usize, &TypeDef)],
    ) {
        let subgraphs = self.subgraphs;
        let locations: Vec<Location> = sources
            .iter()
            .filter_map(|(_, t)| t.location.clone())
            .collect();
        let with_key: Vec<&str> = sources
            .iter()
            .filter(|(_, t)| !t.keys.is_empty())
            .map(|(g, _)| subgraphs[*g].name.as_str())
            .collect();
        let without_key: Vec<&str> = sources
            .iter()
            .filter(|(_, t)| t.keys.is_empty())
            .map(|(g, _)| subgraphs[*g].name.as_str())
            .collect();
        if kind == TypeKind::Object && !with_key.is_empty() && !without_key.is_empty() {
            self.hints.push(Hint {
                code: "INCONSISTENT_ENTITY",
                message: format!(
                    "Type \"{name}\" is declared as an entity (has a @key applied) in some but not all defining subgraphs: it has no @key in {} but has some @key in {}.",
                    subgraphs_phrase(&without_key),
                    subgraphs_phrase(&with_key)
                ),
                locations: locations.clone(),
            });
        }
        let root = matches!(name, "Query" | "Mutation" | "Subscription");
        if !with_key.is_empty() || root {
            return;
        }
        let (code, description) = match kind {
            TypeKind::Object => ("INCONSISTENT_OBJECT_VALUE_TYPE_FIELD", "non-entity object"),
            TypeKind::Interface => ("INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD", "interface"),
            _ => return,
        };
        let mut field_names: Vec<&str> = Vec::new();
        for (_, ty) in sources {
            for field in ty.fields.keys() {
                if !field_names.contains(&field.as_str()) {
                    field_names.push(field);
                }
            }
        }
        for field in field_names {
            // A copy made only of external fields says nothing about the type's shape.
            let missing = sources.iter().any(|(_, t)| {
                !t.interface_object
                    && !t.fields.contains_key(field)
                    && !t.fields.values().all(|f| f.external)
            });
            if !missing {
                continue;
            }
            let having: Vec<&str> = sources
                .iter()
                .filter(|(_, t)| t.fields.contains_key(field))
                .map(|(g, _)| subgraphs[*g].name.as_str())
                .collect();
            let lacking: Vec<&str> = sources
                .iter()
                .filter(|(_, t)| !t.fields.contains_key(field))
                .map(|(g, _)| subgraphs[*g].name.as_str())
                .collect();
            self.hints.push(Hint {
                code,
                message: format!(
                    "Field \"{name}.{field}\" of {description} type \"{name}\" is defined in some but not all subgraphs that define \"{name}\": \"{name}.{field}\" is defined in {} but not in {}.",
                    subgraphs_phrase(&having),
                    subgraphs_phrase(&lacking)
                ),
                locations: locations.clone(),
            });
        }
    }
}
