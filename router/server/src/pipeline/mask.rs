//! Stage 5b: subgraph errors as `errors:` allows clients to see them. An error is a subgraph's
//! when the executor tagged it with `extensions.serviceName` (forwarded subgraph errors and
//! failed subgraph calls); the router's own errors are never redacted. A redacted error keeps
//! its `path` and `extensions.code`; its original is logged.

use executor::Response;
use serde_json::Value;

use router_config::{ErrorsConfig, REDACTED_MESSAGE};

const SERVICE_NAME: &str = "serviceName";

pub fn mask(config: &ErrorsConfig, response: &mut Response) {
    for error in &mut response.errors {
        let Some(service) = error.extensions.get(SERVICE_NAME).and_then(Value::as_str) else {
            continue;
        };
        if !config.redacts(service) {
            continue;
        }
        tracing::info!(
            subgraph = service,
            message = %error.message,
            path = ?error.path,
            extensions = %serde_json::Value::Object(error.extensions.clone()),
            "subgraph error redacted for the client"
        );
        let code = error.extensions.remove("code");
        error.extensions.clear();
        if let Some(code) = code {
            error.extensions.insert("code".into(), code);
        }
        error.message = REDACTED_MESSAGE.to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use executor::{GraphQLError, PathElement};
    use serde_json::{Map, json};

    fn response() -> Response {
        let mut from_reviews = GraphQLError::new("db: relation \"reviews\" is locked", "INTERNAL")
            .with_service("reviews")
            .with_path(Some(vec![PathElement::Key("me".into())]));
        from_reviews
            .extensions
            .insert("stacktrace".into(), json!(["at db.rs:1"]));
        Response {
            data: Some(json!({ "me": null }).into()),
            errors: vec![
                from_reviews,
                GraphQLError::new("user not found", "NOT_FOUND").with_service("users"),
                GraphQLError::new(
                    "Cannot return null for non-nullable field",
                    "RESPONSE_VALIDATION_FAILED",
                ),
            ],
            extensions: Map::new(),
        }
    }

    #[test]
    fn redacted_errors_keep_path_and_code_only_and_router_errors_are_untouched() {
        let mut response = response();
        let config: ErrorsConfig =
            serde_norway::from_str("subgraphs: { users: { redact: false } }").expect("valid");
        mask(&config, &mut response);
        assert_eq!(
            serde_json::to_value(&response.errors).expect("json"),
            json!([
                { "message": "Subgraph errors redacted", "path": ["me"], "extensions": { "code": "INTERNAL" } },
                { "message": "user not found", "extensions": { "code": "NOT_FOUND", "serviceName": "users" } },
                { "message": "Cannot return null for non-nullable field", "extensions": { "code": "RESPONSE_VALIDATION_FAILED" } }
            ])
        );
    }
}
