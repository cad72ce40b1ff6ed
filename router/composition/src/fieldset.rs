//! A small parser for `@key`/`@requires`/`@provides` field sets (`"id sku"`,
//! `"dimensions { size weight }"`, `"... on Book { isbn }"`).

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Field name; empty for an inline fragment.
    pub name: String,
    /// `Some(T)` for `... on T { }`.
    pub type_condition: Option<String>,
    pub has_arguments: bool,
    pub children: Vec<Selection>,
}

pub fn parse(source: &str) -> Result<Vec<Selection>, String> {
    let tokens = tokenize(source)?;
    let mut pos = 0;
    let selections = parse_set(&tokens, &mut pos, false)?;
    if pos != tokens.len() {
        return Err(format!("unexpected \"{}\"", tokens[pos]));
    }
    if selections.is_empty() {
        return Err("the field set is empty".to_string());
    }
    Ok(selections)
}

fn tokenize(source: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == ',' {
            i += 1;
        } else if c == '{' || c == '}' {
            tokens.push(c.to_string());
            i += 1;
        } else if c == '(' {
            // Arguments are kept opaque: only their presence matters here.
            let mut depth = 0;
            let start = i;
            while i < chars.len() {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            if i >= chars.len() {
                return Err("unclosed \"(\"".to_string());
            }
            i += 1;
            tokens.push(chars[start..i].iter().collect());
        } else if c == '.' {
            if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') {
                tokens.push("...".to_string());
                i += 3;
            } else {
                return Err("unexpected \".\"".to_string());
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == '@' {
            return Err("directives are not allowed in field sets".to_string());
        } else {
            return Err(format!("unexpected \"{c}\""));
        }
    }
    Ok(tokens)
}

fn parse_set(tokens: &[String], pos: &mut usize, nested: bool) -> Result<Vec<Selection>, String> {
    let mut out = Vec::new();
    while *pos < tokens.len() {
        let token = tokens[*pos].as_str();
        if token == "}" {
            if !nested {
                return Err("unexpected \"}\"".to_string());
            }
            return Ok(out);
        }
        if token == "..." {
            *pos += 1;
            if tokens.get(*pos).map(String::as_str) != Some("on") {
                return Err("expected \"on\" after \"...\"".to_string());
            }
            *pos += 1;
            let condition = tokens
                .get(*pos)
                .filter(|t| is_name(t))
                .ok_or("expected a type name after \"on\"")?
                .clone();
            *pos += 1;
            let children =
                parse_sub(tokens, pos)?.ok_or("expected \"{\" after the type condition")?;
            out.push(Selection {
                name: String::new(),
                type_condition: Some(condition),
                has_arguments: false,
                children,
            });
            continue;
        }
        if !is_name(token) {
            return Err(format!("unexpected \"{token}\""));
        }
        let mut name = token.to_string();
        *pos += 1;
        // An alias: `alias: field` is not valid in field sets, but tolerate nothing else.
        let mut has_arguments = false;
        if let Some(next) = tokens.get(*pos)
            && next.starts_with('(')
        {
            has_arguments = true;
            *pos += 1;
        }
        let children = parse_sub(tokens, pos)?.unwrap_or_default();
        out.push(Selection {
            name: std::mem::take(&mut name),
            type_condition: None,
            has_arguments,
            children,
        });
    }
    if nested {
        return Err("unclosed \"{\"".to_string());
    }
    Ok(out)
}

fn parse_sub(tokens: &[String], pos: &mut usize) -> Result<Option<Vec<Selection>>, String> {
    if tokens.get(*pos).map(String::as_str) != Some("{") {
        return Ok(None);
    }
    *pos += 1;
    let children = parse_set(tokens, pos, true)?;
    if tokens.get(*pos).map(String::as_str) != Some("}") {
        return Err("unclosed \"{\"".to_string());
    }
    *pos += 1;
    if children.is_empty() {
        return Err("empty selection set".to_string());
    }
    Ok(Some(children))
}

fn is_name(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && token != "on"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_and_fragments() {
        let set = parse("id dimensions { size weight } ... on Book { isbn }").expect("valid");
        assert_eq!(set.len(), 3);
        assert_eq!(set[1].children.len(), 2);
        assert_eq!(set[2].type_condition.as_deref(), Some("Book"));
    }

    #[test]
    fn rejects_unbalanced_braces() {
        assert!(parse("a { b").is_err());
        assert!(parse("a }").is_err());
        assert!(parse("").is_err());
    }
}
