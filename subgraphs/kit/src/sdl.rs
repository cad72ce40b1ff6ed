//! The subgraph SDL a service publishes.

use async_graphql::{ObjectType, SDLExportOptions, Schema, SubscriptionType};

/// The Federation v2 SDL exactly as async-graphql answers `_service { sdl }`: it exports with
/// these options, so the checked-in `schema/<name>.graphql` and the live answer never drift.
pub fn service_sdl<Q, M, S>(schema: &Schema<Q, M, S>) -> String
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    schema.sdl_with_options(SDLExportOptions::new().federation().compose_directive())
}

/// Federation's `@authenticated` (v2.5): the router answers the field only to requests with a
/// verified token. async-graphql 7's federation `@link` does not import it, so it is applied
/// by its namespaced name, which every federation `@link` provides:
/// `#[graphql(directive = federation__authenticated::apply())]`.
#[async_graphql::TypeDirective(location = "FieldDefinition", location = "Object")]
pub fn federation__authenticated() {}
