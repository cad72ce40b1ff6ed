//! `${env.NAME}` and `${env.NAME:-default}` in `router.yaml`, replaced by the environment
//! variable's value before the YAML is parsed (so a variable can hold a number or a boolean
//! too). `$${` stands for a literal `${`. Comments are left alone, so a commented-out line may
//! name a variable that is not set.

use crate::load_error::ConfigProblem;

const OPEN: &str = "${";

/// `text` with every expansion replaced; line numbers are kept as long as no value holds a
/// newline.
pub(crate) fn expand(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, Vec<ConfigProblem>> {
    let mut out = String::with_capacity(text.len());
    let mut problems = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let (code, comment) = line.split_at(comment_start(line));
        expand_line(code, index + 1, lookup, &mut out, &mut problems);
        out.push_str(comment);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn expand_line(
    code: &str,
    line: usize,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
    problems: &mut Vec<ConfigProblem>,
) {
    let mut rest = code;
    let mut offset = 0;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let column = offset + at + 1;
        if let Some(after) = tail.strip_prefix("$${") {
            out.push_str(OPEN);
            offset += at + 3;
            rest = after;
            continue;
        }
        let Some(body_start) = tail.strip_prefix(OPEN) else {
            out.push('$');
            offset += at + 1;
            rest = &tail[1..];
            continue;
        };
        let Some(end) = body_start.find('}') else {
            problems.push(
                ConfigProblem::new("", "unterminated `${`")
                    .at(line, column)
                    .with_hint("write `${env.NAME}`, or `$${` for a literal `${`"),
            );
            out.push_str(tail);
            return;
        };
        let body = &body_start[..end];
        match resolve(body, lookup) {
            Ok(value) => out.push_str(&value),
            Err(problem) => problems.push(problem.at(line, column)),
        }
        let consumed = OPEN.len() + end + 1;
        offset += at + consumed;
        rest = &tail[consumed..];
    }
    out.push_str(rest);
}

fn resolve(body: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, ConfigProblem> {
    let Some(reference) = body.strip_prefix("env.") else {
        return Err(
            ConfigProblem::new("", format!("unknown expansion `${{{body}}}`")).with_hint(
                "only environment variables can be expanded: `${env.NAME}` or \
                 `${env.NAME:-default}`; write `$${` for a literal `${`",
            ),
        );
    };
    let (name, default) = match reference.split_once(":-") {
        Some((name, default)) => (name, Some(default)),
        None => (reference, None),
    };
    if !is_variable_name(name) {
        return Err(ConfigProblem::new(
            "",
            format!("`{name}` is not an environment variable name"),
        )
        .with_hint("names are letters, digits and `_`, not starting with a digit"));
    }
    match (lookup(name), default) {
        (Some(value), _) => Ok(value),
        (None, Some(default)) => Ok(default.to_owned()),
        (None, None) => Err(ConfigProblem::new(
            "",
            format!("environment variable {name} is not set"),
        )
        .with_hint(format!(
            "set {name}, or give a default: `${{env.{name}:-value}}`"
        ))),
    }
}

fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Where the line's comment starts (its length if it has none): a `#` at the start or after
/// whitespace, outside quotes.
fn comment_start(line: &str) -> usize {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '#') if previous.is_whitespace() => return at,
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open && previous != '\\' => quote = None,
            _ => {}
        }
        previous = c;
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "PORT" => Some("4100".into()),
            "HOST" => Some("0.0.0.0".into()),
            _ => None,
        }
    }

    #[test]
    fn variables_and_defaults_are_replaced() {
        let text = "listen: ${env.HOST}:${env.PORT}\nurl: ${env.URL:-http://x:1/graphql}\n";
        assert_eq!(
            expand(text, &env).expect("expands"),
            "listen: 0.0.0.0:4100\nurl: http://x:1/graphql\n"
        );
    }

    #[test]
    fn double_dollar_escapes_and_lone_dollars_stay() {
        assert_eq!(
            expand("a: $${env.PORT} costs $5\n", &env).expect("expands"),
            "a: ${env.PORT} costs $5\n"
        );
    }

    #[test]
    fn comments_are_not_expanded() {
        let text = "# listen: ${env.UNSET}\nport: 1 # ${env.UNSET}\nq: \"a # ${env.PORT}\"\n";
        assert_eq!(
            expand(text, &env).expect("expands"),
            "# listen: ${env.UNSET}\nport: 1 # ${env.UNSET}\nq: \"a # 4100\"\n"
        );
    }

    #[test]
    fn every_unset_variable_is_reported_with_its_line_and_column() {
        let problems = expand("a: 1\nb: ${env.NOPE}\nc: x${env.ALSO_NOPE}\n", &env)
            .expect_err("unset variables");
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.location, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Some((2, 4)), "environment variable NOPE is not set"),
                (Some((3, 5)), "environment variable ALSO_NOPE is not set"),
            ]
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("set NOPE, or give a default: `${env.NOPE:-value}`")
        );
    }

    #[test]
    fn other_expansions_and_bad_names_are_refused() {
        let problems = expand("a: ${HOME}\nb: ${env.1X}\nc: ${env.X\n", &env).expect_err("bad");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown expansion `${HOME}`",
                "`1X` is not an environment variable name",
                "unterminated `${`"
            ]
        );
    }
}
