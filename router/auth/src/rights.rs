//! What a request's claims grant: authentication, scopes, and the configured policies, checked
//! against a type's or field's [`Requirements`].

use std::collections::HashSet;

use serde_json::Value;
use supergraph::Requirements;

use crate::error::AuthConfigError;
use crate::verify::Claims;
use router_config::{AuthorizationConfig, PolicyRule};

pub struct Rights<'a> {
    claims: Option<&'a Claims>,
    scopes: HashSet<&'a str>,
    config: &'a AuthorizationConfig,
}

impl<'a> Rights<'a> {
    pub fn new(claims: Option<&'a Claims>, config: &'a AuthorizationConfig) -> Self {
        let scopes = claims
            .and_then(|c| c.get(&config.scope_claim))
            .map(words)
            .unwrap_or_default();
        Self {
            claims,
            scopes,
            config,
        }
    }

    pub fn is_authenticated(&self) -> bool {
        self.claims.is_some()
    }

    /// Every requirement holds: authenticated if asked, one whole scope set, one whole policy
    /// set. Anonymous requests have no scopes and pass no policy.
    pub fn satisfies(&self, requirements: &Requirements) -> bool {
        if requirements.authenticated && !self.is_authenticated() {
            return false;
        }
        if let Some(scopes) = &requirements.scopes
            && !scopes
                .iter()
                .any(|all| all.iter().all(|s| self.scopes.contains(s.as_str())))
        {
            return false;
        }
        if let Some(policies) = &requirements.policies
            && !policies
                .iter()
                .any(|all| all.iter().all(|p| self.policy(p)))
        {
            return false;
        }
        true
    }

    /// An unconfigured policy is never satisfied: a typo must not open data.
    fn policy(&self, name: &str) -> bool {
        let (Some(claims), Some(rule)) = (self.claims, self.config.policies.get(name)) else {
            return false;
        };
        evaluate(rule, claims)
    }
}

/// A space-separated string or an array of strings.
fn words(value: &Value) -> HashSet<&str> {
    match value {
        Value::String(s) => s.split_whitespace().collect(),
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => HashSet::new(),
    }
}

fn claim<'c>(claims: &'c Claims, path: &str) -> Option<&'c Value> {
    let mut parts = path.split('.');
    let mut current = claims.get(parts.next()?)?;
    for part in parts {
        current = current.get(part)?;
    }
    Some(current)
}

pub fn evaluate(rule: &PolicyRule, claims: &Claims) -> bool {
    let value = claim(claims, &rule.claim);
    if let Some(exists) = rule.exists {
        return value.is_some() == exists;
    }
    let Some(value) = value else {
        return false;
    };
    if let Some(expected) = &rule.equals {
        return value == expected;
    }
    if let Some(member) = &rule.contains {
        return match (value, member) {
            (Value::Array(items), member) => items.contains(member),
            (Value::String(s), Value::String(word)) => s.split_whitespace().any(|w| w == word),
            _ => false,
        };
    }
    false
}

/// Checks the rules when a configuration is loaded.
pub fn check_policies(config: &AuthorizationConfig) -> Result<(), AuthConfigError> {
    for (name, rule) in &config.policies {
        let given = [
            rule.equals.is_some(),
            rule.contains.is_some(),
            rule.exists.is_some(),
        ]
        .iter()
        .filter(|g| **g)
        .count();
        let problem = if rule.claim.is_empty() {
            Some("`claim` is required")
        } else if given != 1 {
            Some("give exactly one of `equals`, `contains`, `exists`")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(AuthConfigError::InvalidSetting {
                key: format!("authorization.policies.{name}"),
                message: problem.into(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn claims(value: Value) -> Claims {
        value.as_object().cloned().expect("object")
    }

    fn requirements(scopes: &[&[&str]]) -> Requirements {
        Requirements {
            scopes: Some(
                scopes
                    .iter()
                    .map(|all| all.iter().map(|s| s.to_string()).collect())
                    .collect(),
            ),
            ..Requirements::default()
        }
    }

    #[test]
    fn one_whole_scope_set_suffices_from_a_string_or_an_array() {
        let config = AuthorizationConfig::default();
        let as_string = claims(json!({ "scope": "a b" }));
        let as_array = claims(json!({ "scope": ["a", "b"] }));
        for c in [&as_string, &as_array] {
            let rights = Rights::new(Some(c), &config);
            assert!(rights.satisfies(&requirements(&[&["x"], &["a", "b"]])));
            assert!(!rights.satisfies(&requirements(&[&["a", "c"]])));
        }
        let anonymous = Rights::new(None, &config);
        assert!(!anonymous.satisfies(&requirements(&[&["a"]])));
        assert!(anonymous.satisfies(&Requirements::default()));
    }

    #[test]
    fn policy_rules_read_nested_claims() {
        let rule = |text: &str| -> PolicyRule { serde_norway::from_str(text).expect("rule") };
        let c = claims(json!({ "realm": { "roles": ["staff"] }, "role": "admin", "n": 3 }));
        assert!(evaluate(
            &rule("{ claim: realm.roles, contains: staff }"),
            &c
        ));
        assert!(!evaluate(
            &rule("{ claim: realm.roles, contains: admin }"),
            &c
        ));
        assert!(evaluate(&rule("{ claim: role, equals: admin }"), &c));
        assert!(evaluate(&rule("{ claim: n, equals: 3 }"), &c));
        assert!(evaluate(&rule("{ claim: tenant, exists: false }"), &c));
        assert!(!evaluate(&rule("{ claim: tenant, equals: x }"), &c));
    }

    #[test]
    fn unconfigured_policy_is_denied() {
        let config = AuthorizationConfig::default();
        let c = claims(json!({ "sub": "1" }));
        let rights = Rights::new(Some(&c), &config);
        let needs = Requirements {
            policies: Some(vec![vec!["nobody_configured_me".into()]]),
            ..Requirements::default()
        };
        assert!(!rights.satisfies(&needs));
    }
}
