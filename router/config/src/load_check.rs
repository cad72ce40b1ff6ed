//! Checks on a parsed `router.yaml` that its types cannot express. Every problem is reported,
//! each at the line of its key when the file is written in block style.

use crate::load_error::ConfigProblem;
use crate::model::RouterConfig;
use crate::subgraphs::ALL;

/// Every problem of `config`; `text` (the expanded document) places them.
pub(crate) fn check(config: &RouterConfig, text: &str) -> Vec<ConfigProblem> {
    let mut problems = Vec::new();
    if config
        .subgraphs
        .all()
        .and_then(|all| all.url.as_ref())
        .is_some()
    {
        problems.push(
            ConfigProblem::new(
                format!("subgraphs.{ALL}.url"),
                "a URL cannot be set for every subgraph",
            )
            .with_hint("set it per subgraph: `subgraphs.<name>.url`"),
        );
    }
    for (name, subgraph) in config.subgraphs.named() {
        if let Some(url) = &subgraph.url
            && let Err(reason) = http_url(url)
        {
            problems.push(
                ConfigProblem::new(format!("subgraphs.{name}.url"), reason)
                    .with_hint("an http or https URL, like `http://products:4002/graphql`"),
            );
        }
    }
    for key in config.limits.zeros() {
        problems.push(
            ConfigProblem::new(
                format!("limits.{key}"),
                "must be at least 1 (0 would refuse every request)",
            )
            .with_hint(if key == "max_body_bytes" {
                "the default is 2097152 (2 MiB)"
            } else {
                "write `null` to turn the limit off"
            }),
        );
    }
    if let Err(reason) = http_url(&config.playground.assets_url) {
        problems.push(
            ConfigProblem::new("playground.assets_url", reason)
                .with_hint("the default is `https://unpkg.com`"),
        );
    }
    problems.extend(crate::cors_policy::problems(&config.cors));
    problems.extend(crate::header_rules::problems(&config.headers));
    for problem in &mut problems {
        if problem.location.is_none() {
            problem.location = locate(text, &problem.path);
        }
    }
    problems
}

fn http_url(raw: &str) -> Result<(), String> {
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("{raw:?} is not a URL: {e}"))?;
    if matches!(url.scheme(), "http" | "https") {
        Ok(())
    } else {
        Err(format!("{raw:?}: only http and https URLs are supported"))
    }
}

/// Line and column of the key at `path` (`a.b.c`; list indexes are ignored) in block-style
/// YAML; `None` when it is not written that way (flow style, anchors, keys from defaults).
pub(crate) fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    for key in path.split('.') {
        let key = key.split('[').next().unwrap_or(key);
        let mut hit = None;
        for (index, line) in lines.iter().enumerate().skip(from) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if parent_indent.is_some_and(|parent| indent <= parent) {
                break;
            }
            let content = trimmed.trim_start_matches("- ");
            let written = [
                format!("{key}:"),
                format!("\"{key}\":"),
                format!("'{key}':"),
            ];
            if written.iter().any(|w| content.starts_with(w.as_str())) {
                hit = Some((index, indent + (trimmed.len() - content.len())));
                break;
            }
        }
        let (index, column) = hit?;
        from = index + 1;
        parent_indent = Some(column);
        found = Some((index + 1, column + 1));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_located_by_path_in_block_style() {
        let text = "server:\n  listen: x\nsubgraphs:\n  all:\n    timeout: 5s\n  products:\n    # c\n    url: y\n";
        assert_eq!(locate(text, "subgraphs.products.url"), Some((8, 5)));
        assert_eq!(locate(text, "subgraphs.all.timeout"), Some((5, 5)));
        assert_eq!(locate(text, "server.url"), None);
        assert_eq!(locate(text, "limits"), None);
    }

    #[test]
    fn every_semantic_problem_is_reported_at_its_line() {
        let text = "subgraphs:\n  all:\n    url: http://x/\n  products:\n    url: ftp://y/\nlimits:\n  max_depth: 0\n";
        let config: RouterConfig = serde_norway::from_str(text).expect("parses");
        let found: Vec<_> = check(&config, text)
            .into_iter()
            .map(|p| (p.path, p.location.map(|l| l.0)))
            .collect();
        assert_eq!(
            found,
            [
                ("subgraphs.all.url".to_owned(), Some(3)),
                ("subgraphs.products.url".to_owned(), Some(5)),
                ("limits.max_depth".to_owned(), Some(7)),
            ]
        );
    }
}
