//! The `headers` rules checked and compiled (names, values and patterns parsed) for the subgraph
//! client, which applies them per request; the loader reports the same problems with their place
//! in the file.

use http::{HeaderName, HeaderValue};
use regex::Regex;

use crate::ConfigError;
use crate::headers::{HeaderRule, HeadersConfig, Insert, Propagate, Remove};
use crate::load_error::ConfigProblem;

/// Headers that describe one hop or the body's framing, or that the router sets itself on every
/// subgraph request: never copied from the client, never set by rules.
const NEVER_PROPAGATED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "content-type",
    "content-encoding",
    "accept",
    "accept-encoding",
    "expect",
    "traceparent",
];

pub fn never_propagated(name: &str) -> bool {
    NEVER_PROPAGATED.contains(&name)
}

#[derive(Debug, Clone)]
pub enum Rule {
    Propagate {
        from: HeaderName,
        to: HeaderName,
        default: Option<HeaderValue>,
    },
    PropagateMatching(Regex),
    Insert(HeaderName, HeaderValue),
    InsertClaim(HeaderName, String),
    Remove(HeaderName),
    RemoveMatching(Regex),
}

/// The problems of a `headers` section that need no supergraph, for the configuration loader
/// (unknown subgraph names are found when a supergraph is loaded).
pub(crate) fn problems(config: &HeadersConfig) -> Vec<ConfigProblem> {
    config
        .0
        .iter()
        .filter_map(
            |(subgraph, headers)| match compile(subgraph, &headers.request) {
                Err(ConfigError::InvalidSetting { key, message }) => {
                    Some(ConfigProblem::new(key, message))
                }
                _ => None,
            },
        )
        .collect()
}

pub fn compile(subgraph: &str, rules: &[HeaderRule]) -> Result<Vec<Rule>, ConfigError> {
    rules
        .iter()
        .enumerate()
        .map(|(index, rule)| {
            compile_rule(rule).map_err(|message| ConfigError::InvalidSetting {
                key: format!("headers.{subgraph}.request[{index}]"),
                message,
            })
        })
        .collect()
}

fn compile_rule(rule: &HeaderRule) -> Result<Rule, String> {
    match rule {
        HeaderRule::Propagate(Propagate {
            named,
            matching,
            rename,
            default,
        }) => match (named, matching) {
            (Some(named), None) => {
                let from = name(named)?;
                let to = match rename {
                    Some(rename) => name(rename)?,
                    None => from.clone(),
                };
                let default = default.as_deref().map(value).transpose()?;
                Ok(Rule::Propagate { from, to, default })
            }
            (None, Some(matching)) if rename.is_none() && default.is_none() => {
                Ok(Rule::PropagateMatching(pattern(matching)?))
            }
            (None, Some(_)) => {
                Err("propagate: rename and default need `named`, not `matching`".into())
            }
            _ => Err("propagate: give exactly one of `named` or `matching`".into()),
        },
        HeaderRule::Insert(Insert {
            name: raw,
            value: v,
            from_claim,
        }) => match (v, from_claim) {
            (Some(v), None) => Ok(Rule::Insert(name(raw)?, value(v)?)),
            (None, Some(claim)) if !claim.is_empty() => {
                Ok(Rule::InsertClaim(name(raw)?, claim.clone()))
            }
            _ => Err("insert: give exactly one of `value` or `from_claim`".into()),
        },
        HeaderRule::Remove(Remove { named, matching }) => match (named, matching) {
            (Some(named), None) => Ok(Rule::Remove(
                HeaderName::try_from(named.as_str()).map_err(|_| invalid_name(named))?,
            )),
            (None, Some(matching)) => Ok(Rule::RemoveMatching(pattern(matching)?)),
            _ => Err("remove: give exactly one of `named` or `matching`".into()),
        },
    }
}

/// A header name a rule may read or write.
fn name(raw: &str) -> Result<HeaderName, String> {
    let name = HeaderName::try_from(raw).map_err(|_| invalid_name(raw))?;
    if never_propagated(name.as_str()) {
        return Err(format!(
            "{raw:?} is a hop-by-hop or framing header (or one the router sets itself): it is \
             never propagated"
        ));
    }
    Ok(name)
}

fn invalid_name(raw: &str) -> String {
    format!("{raw:?} is not a valid header name")
}

fn value(raw: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(raw).map_err(|_| format!("{raw:?} is not a valid header value"))
}

fn pattern(raw: &str) -> Result<Regex, String> {
    Regex::new(raw).map_err(|e| format!("invalid regular expression: {e}"))
}
