//! Reading `router.yaml`: environment expansion ([`crate::load_env`]), a strict parse whose
//! errors name the file, line, column and key path with a hint, then the checks serde cannot
//! express ([`crate::load_check`]).

use serde_path_to_error::Segment;

use crate::load_check;
use crate::load_error::{ConfigErrors, ConfigProblem};
use crate::model::RouterConfig;

/// Loads a `router.yaml` document; `origin` names it in errors and `env` looks up variables.
pub fn load(
    text: &str,
    origin: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<RouterConfig, ConfigErrors> {
    let fail = |problems| ConfigErrors {
        origin: origin.to_owned(),
        problems,
    };
    let expanded = crate::load_env::expand(text, env).map_err(fail)?;
    let config = parse(&expanded).map_err(|problem| fail(vec![problem]))?;
    let problems = load_check::check(&config, &expanded);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(fail(problems))
    }
}

impl RouterConfig {
    /// Reads a `router.yaml` document (`${env.NAME}` from the process environment); `origin`
    /// names it in errors, which carry the line, the key path and a hint for every problem.
    pub fn from_yaml(text: &str, origin: &str) -> Result<Self, ConfigErrors> {
        load(text, origin, &|name| std::env::var(name).ok())
    }
}

/// The strict parse alone (serde stops at the first problem).
fn parse(text: &str) -> Result<RouterConfig, ConfigProblem> {
    if is_blank(text) {
        return Ok(RouterConfig::default());
    }
    let deserializer = serde_norway::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let segments: Vec<Segment> = error.path().iter().cloned().collect();
        let inner = error.into_inner();
        let location = inner.location().map(|l| (l.line(), l.column()));
        let mut problem = describe(&segments, &message_of(&inner));
        if let Some((line, column)) = location {
            problem = problem.at(line, column);
        }
        problem
    })
}

/// Only comments, blank lines and document markers: the defaults.
fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// serde_norway's message without the location and key path it adds itself (we print both
/// our way).
fn message_of(error: &serde_norway::Error) -> String {
    let mut message = error.to_string();
    if let Some(location) = error.location() {
        let suffix = format!(" at line {} column {}", location.line(), location.column());
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message = stripped.to_owned();
        }
    }
    // A key path prefix has no spaces (`cors.allow_origins[2]: `); serde's own messages start
    // with words (`invalid type: ...`).
    if let Some((prefix, rest)) = message.split_once(": ")
        && !prefix.contains(' ')
        && !prefix.is_empty()
    {
        message = rest.to_owned();
    }
    message
}

fn path_string(segments: &[Segment]) -> String {
    let mut path = String::new();
    for segment in segments {
        match segment {
            Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Unknown => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push('?');
            }
        }
    }
    path
}

/// Turns serde's message into a problem with a hint.
fn describe(segments: &[Segment], message: &str) -> ConfigProblem {
    let path = path_string(segments);
    for (what, prefix) in [("key", "unknown field `"), ("value", "unknown variant `")] {
        if message.starts_with(prefix) {
            let names = backticked(message);
            let Some((unknown, allowed)) = names.split_first() else {
                break;
            };
            // serde reports an unknown key at its parent; name the key itself.
            let path = if what == "key" && !path.ends_with(unknown.as_str()) {
                join(&path, unknown)
            } else {
                path
            };
            let problem = ConfigProblem::new(path, format!("unknown {what} `{unknown}`"));
            return match closest(unknown, allowed) {
                Some(best) => problem.with_hint(format!("did you mean `{best}`?")),
                None if allowed.is_empty() => problem.with_hint("nothing can be set here"),
                None => problem.with_hint(format!(
                    "allowed here: {}",
                    allowed
                        .iter()
                        .map(|name| format!("`{name}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
        }
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let expected = message
            .rsplit_once(", expected ")
            .map(|(_, expected)| friendly(expected));
        let message = match message.rsplit_once(", expected ") {
            Some((found, expected)) => format!("{found}, expected {}", friendly(expected)),
            None => message.to_owned(),
        };
        let mut problem = ConfigProblem::new(path.clone(), message);
        if let Some(default) = default_at(&path) {
            let expected = expected.unwrap_or_else(|| "a different value".into());
            problem = problem.with_hint(format!("expected {expected}; the default is {default}"));
        }
        return problem;
    }
    let expected = if message.contains("socket address") {
        Some(friendly("socket address"))
    } else if message.contains("IP address") {
        Some(friendly("IP address"))
    } else {
        None
    };
    let hint = match (expected, default_at(&path)) {
        (Some(expected), Some(default)) => {
            Some(format!("expected {expected}; the default is {default}"))
        }
        (Some(expected), None) => Some(format!("expected {expected}")),
        (None, Some(default)) => Some(format!("the default is {default}")),
        (None, None) => None,
    };
    let problem = ConfigProblem::new(path, message);
    match hint {
        Some(hint) => problem.with_hint(hint),
        None => problem,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The names between backticks in serde's "unknown field `x`, expected one of `a`, `b`".
fn backticked(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The allowed name that `unknown` most likely misspells, if any is close enough.
fn closest<'a>(unknown: &str, allowed: &'a [String]) -> Option<&'a str> {
    let normalize = |name: &str| name.to_ascii_lowercase().replace('-', "_");
    let wanted = normalize(unknown);
    allowed
        .iter()
        .map(|name| (strsim::damerau_levenshtein(&wanted, &normalize(name)), name))
        .filter(|(distance, name)| *distance <= (name.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name.as_str())
}

/// serde's Rust type names in words.
fn friendly(expected: &str) -> String {
    match expected {
        "usize" | "u64" | "u32" | "u16" | "u8" => "a whole number (0 or more)".into(),
        "i64" | "i32" => "a whole number".into(),
        "f64" | "f32" => "a number".into(),
        "socket address" => "an address `host:port`, like `0.0.0.0:4000`".into(),
        "IP address" => "an IP address, like `0.0.0.0`".into(),
        "a boolean" => "`true` or `false`".into(),
        other => other.to_owned(),
    }
}

/// The default value at `path`, as YAML would write it.
fn default_at(path: &str) -> Option<String> {
    let defaults = serde_json::to_value(RouterConfig::default()).ok()?;
    let mut value = &defaults;
    for key in path.split('.') {
        if key.contains('[') {
            return None;
        }
        value = value.get(key)?;
    }
    match value {
        serde_json::Value::Object(_) | serde_json::Value::Array(_) => None,
        serde_json::Value::Null => Some("unset (`null`)".into()),
        serde_json::Value::String(text) => Some(format!("`{text}`")),
        other => Some(format!("`{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<ConfigProblem> {
        load(text, "router.yaml", &|_| None)
            .expect_err("invalid")
            .problems
    }

    #[test]
    fn an_empty_or_commented_file_is_the_defaults() {
        for text in ["", "\n", "# nothing yet\n", "---\n"] {
            assert_eq!(
                load(text, "router.yaml", &|_| None).expect("valid"),
                RouterConfig::default()
            );
        }
    }

    #[test]
    fn an_unknown_key_names_its_path_line_and_the_key_meant() {
        let found = problems("limits:\n  max_depth: 4\n  max_dpeth: 5\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, "limits.max_dpeth");
        assert_eq!(found[0].message, "unknown key `max_dpeth`");
        assert_eq!(found[0].location.map(|l| l.0), Some(3));
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `max_depth`?"));
    }

    #[test]
    fn an_unknown_section_lists_the_sections_when_nothing_is_close() {
        let found = problems("server:\n  listen: 127.0.0.1:4000\nfrobnicate: true\n");
        assert_eq!(found[0].path, "frobnicate");
        assert_eq!(found[0].location.map(|l| l.0), Some(3));
        let hint = found[0].hint.as_deref().expect("hint");
        assert!(
            hint.starts_with("allowed here: `server`, `supergraph`"),
            "{hint}"
        );
    }

    #[test]
    fn a_wrong_type_says_what_is_expected_and_the_default() {
        let found = problems("limits:\n  max_depth: deep\n");
        assert_eq!(found[0].path, "limits.max_depth");
        assert_eq!(found[0].location, Some((2, 14)));
        assert_eq!(
            found[0].message,
            "invalid type: string \"deep\", expected a whole number (0 or more)"
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("expected a whole number (0 or more); the default is `32`")
        );
    }

    #[test]
    fn a_bad_listen_address_explains_the_format() {
        let found = problems("server:\n  listen: localhost\n");
        assert_eq!(found[0].path, "server.listen");
        assert_eq!(
            found[0].hint.as_deref(),
            Some(
                "expected an address `host:port`, like `0.0.0.0:4000`; \
                 the default is `127.0.0.1:4000`"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn yaml_syntax_errors_have_a_line() {
        let found = problems("server:\n  listen: [\n");
        assert!(found[0].location.is_some(), "{found:?}");
    }

    #[test]
    fn subgraph_response_limits_default_to_16_mib_and_are_set_under_all_or_per_subgraph() {
        let transport = RouterConfig::default().transport();
        assert_eq!(transport.default_max_response_bytes, 16 * 1024 * 1024);
        assert!(transport.max_response_bytes.is_empty());
        let yaml = "subgraphs:\n  all:\n    max_response_bytes: 1048576\n  products:\n    max_response_bytes: 4096\n";
        let transport = load(yaml, "router.yaml", &|_| None)
            .expect("valid")
            .transport();
        assert_eq!(transport.default_max_response_bytes, 1_048_576);
        assert_eq!(transport.max_response_bytes.get("products"), Some(&4096));
        let found = problems("subgraphs:\n  all:\n    max_response_bytes: -1\n");
        assert_eq!(found[0].path, "subgraphs.all.max_response_bytes");
    }

    #[test]
    fn environment_variables_expand_before_parsing() {
        let config = load(
            "server:\n  listen: ${env.LISTEN}\nlimits:\n  max_depth: ${env.DEPTH:-7}\n",
            "router.yaml",
            &|name| (name == "LISTEN").then(|| "0.0.0.0:4100".to_owned()),
        )
        .expect("valid");
        assert_eq!(config.server.listen.to_string(), "0.0.0.0:4100");
        assert_eq!(config.limits.max_depth, Some(7));
    }

    #[test]
    fn the_report_prints_file_line_column_path_and_hint() {
        let error =
            load("limits:\n  max_dpeth: 5\n", "router.yaml", &|_| None).expect_err("invalid");
        assert_eq!(
            error.to_string(),
            "invalid configuration router.yaml: 1 problem\n  \
             router.yaml:2:3: limits.max_dpeth: unknown key `max_dpeth`\n    \
             hint: did you mean `max_depth`?"
        );
    }
}
