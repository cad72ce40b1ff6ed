//! Authorization, after normalization and before planning: the supergraph's `@authenticated`,
//! `@requiresScopes` and `@policy` checked against the request's claims.
//!
//! A field is readable when the request satisfies the requirements of the field, of the type
//! it returns, and, on an interface or union, of that field and of every type that may be
//! there at run time (what any implementation needs, the interface needs). An inline fragment
//! is readable when its type condition's requirements are satisfied. Fields that are not
//! readable are left out of the operation the planner sees and come back `null` with an
//! `UNAUTHORIZED_FIELD_OR_TYPE` error (executor, [`executor::UNAUTHORIZED_DIRECTIVE`]),
//! propagated like any null; the rest of the operation runs. With
//! `authorization.reject_unauthorized` the whole request is refused instead, before any
//! subgraph is called. The plan cache keys on the filtered operation, so requests with the
//! same rights share plans and no plan ever includes a field its request may not read.

use axum::http::StatusCode;
use operation::apollo_compiler::{Name, Node, ast};
use operation::{NormalizedOperation, Selection, SelectionSet};
use router_config::AuthorizationConfig;
use supergraph::{Requirements, Supergraph};

use super::codes;
use super::request::RequestContext;
use super::request_error::{RequestError, error_json};
use router_auth::Rights;

/// The operation as the planner and the response shaping see it.
#[derive(Debug)]
pub struct Authorized {
    /// Unreadable fields marked for the executor; `None` when everything is readable.
    marked: Option<NormalizedOperation>,
    /// Unreadable fields removed, for the planner; `None` when everything is readable.
    filtered: Option<NormalizedOperation>,
}

impl Authorized {
    pub fn for_plan<'a>(&'a self, normalized: &'a NormalizedOperation) -> &'a NormalizedOperation {
        self.filtered.as_ref().unwrap_or(normalized)
    }

    pub fn for_response<'a>(
        &'a self,
        normalized: &'a NormalizedOperation,
    ) -> &'a NormalizedOperation {
        self.marked.as_ref().unwrap_or(normalized)
    }
}

/// `authorization.require_authentication`: anonymous requests are refused with 401.
pub fn require_identity(
    config: &AuthorizationConfig,
    context: &RequestContext,
) -> Result<(), RequestError> {
    if config.require_authentication && context.claims.is_none() {
        return Err(RequestError::malformed(
            StatusCode::UNAUTHORIZED,
            codes::UNAUTHENTICATED,
            "this router requires a valid token",
        ));
    }
    Ok(())
}

pub fn authorize(
    supergraph: &Supergraph,
    config: &AuthorizationConfig,
    normalized: &NormalizedOperation,
    context: &RequestContext,
) -> Result<Authorized, RequestError> {
    let access = &supergraph.access;
    if access.is_empty() {
        return Ok(Authorized {
            marked: None,
            filtered: None,
        });
    }
    let rights = Rights::new(context.claims.as_deref(), config);
    let mut walker = Walker {
        supergraph,
        rights,
        denied: Vec::new(),
        path: Vec::new(),
    };
    let mut marked = normalized.clone();
    let root_allowed = walker.type_allowed(&marked.selection_set.ty);
    walker.visit(&mut marked.selection_set, root_allowed);
    if walker.denied.is_empty() {
        return Ok(Authorized {
            marked: None,
            filtered: None,
        });
    }
    tracing::debug!(denied = ?walker.denied, "unauthorized selections");
    if config.reject_unauthorized {
        return Err(RequestError {
            status: StatusCode::FORBIDDEN,
            malformed: false,
            errors: walker
                .denied
                .iter()
                .map(|path| {
                    let mut error = error_json(
                        "Unauthorized field or type",
                        codes::UNAUTHORIZED_FIELD_OR_TYPE,
                    );
                    error["path"] = serde_json::Value::from(path.clone());
                    error
                })
                .collect(),
        });
    }
    let mut filtered = marked.clone();
    strip(&mut filtered.selection_set);
    Ok(Authorized {
        marked: Some(marked),
        filtered: Some(filtered),
    })
}

struct Walker<'a> {
    supergraph: &'a Supergraph,
    rights: Rights<'a>,
    /// Response paths of the unreadable selections, for logs and reject mode.
    denied: Vec<Vec<String>>,
    path: Vec<String>,
}

impl Walker<'_> {
    fn ok(&self, requirements: Option<&Requirements>) -> bool {
        requirements.is_none_or(|r| self.rights.satisfies(r))
    }

    /// The type's requirements, and those of every object type that may be there.
    fn type_allowed(&self, type_name: &str) -> bool {
        let access = &self.supergraph.access;
        if !self.ok(access.on_type(type_name)) {
            return false;
        }
        let is_abstract = self
            .supergraph
            .type_meta(type_name)
            .is_some_and(|t| t.is_abstract());
        !is_abstract
            || self
                .supergraph
                .possible_types(type_name)
                .iter()
                .all(|o| self.ok(access.on_type(o)))
    }

    fn field_allowed(&self, parent: &str, field: &operation::Field) -> bool {
        if field.is_meta() {
            return true;
        }
        let access = &self.supergraph.access;
        if !self.ok(access.on_field(parent, &field.name)) {
            return false;
        }
        let abstract_parent = self
            .supergraph
            .type_meta(parent)
            .is_some_and(|t| t.is_abstract());
        if abstract_parent
            && !self
                .supergraph
                .possible_types(parent)
                .iter()
                .all(|o| self.ok(access.on_type(o)) && self.ok(access.on_field(o, &field.name)))
        {
            return false;
        }
        self.type_allowed(field.ty.inner_named_type())
    }

    /// Marks what `set` may not read. `allowed`: false when everything in it is unreadable
    /// (its parent type is).
    fn visit(&mut self, set: &mut SelectionSet, allowed: bool) {
        let parent = set.ty.clone();
        for selection in &mut set.selections {
            match selection {
                Selection::Field(field) => {
                    self.path.push(field.response_key().to_string());
                    if (!allowed && !field.is_meta()) || !self.field_allowed(&parent, field) {
                        mark(field);
                        self.denied.push(self.path.clone());
                    } else if let Some(sub) = &mut field.selection_set {
                        self.visit(sub, true);
                    }
                    self.path.pop();
                }
                Selection::InlineFragment(fragment) => {
                    let readable = allowed && self.type_allowed(&fragment.type_condition);
                    self.visit(&mut fragment.selection_set, readable);
                }
            }
        }
    }
}

fn mark(field: &mut operation::Field) {
    field.directives.push(Node::new(ast::Directive {
        name: Name::new_static_unchecked(executor::UNAUTHORIZED_DIRECTIVE),
        arguments: Vec::new(),
    }));
}

/// Removes marked fields (inline fragments stay, possibly empty: they print as `__typename`).
fn strip(set: &mut SelectionSet) {
    set.selections.retain_mut(|selection| match selection {
        Selection::Field(field) => {
            if field.directives.has(executor::UNAUTHORIZED_DIRECTIVE) {
                return false;
            }
            if let Some(sub) = &mut field.selection_set {
                strip(sub);
            }
            true
        }
        Selection::InlineFragment(fragment) => {
            strip(&mut fragment.selection_set);
            true
        }
    });
}
