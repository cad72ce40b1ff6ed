"""A compose file as `docker compose` reads it: YAML (merge keys, `!reset`/`!override` tags,
duplicate keys refused), then `${VAR}` interpolation, then the Compose Specification schema."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any, Mapping

import jsonschema
import jsonschema.exceptions
import yaml

# check-jsonschema ships the Compose Specification's JSON schema (its `vendor.compose-spec`); the
# pinned package is how the schema reaches this check without downloading anything at run time.
import check_jsonschema.builtin_schemas.vendor as _vendored

SCHEMA_PATH = Path(_vendored.__file__).with_name("compose-spec.json")

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


class ComposeLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys, as compose does (PyYAML keeps the last one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def _tagged_value(loader: ComposeLoader, node: yaml.Node) -> Any:
    # `!reset` / `!override` only steer how compose merges several files; the value is plain.
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


for _tag in ("!reset", "!override"):
    ComposeLoader.add_constructor(_tag, _tagged_value)


def load(path: Path, env: Mapping[str, str], problems: list[str]) -> dict | None:
    """The interpolated document, or None (with a problem) when it does not parse."""
    try:
        raw = yaml.load(path.read_text(), Loader=ComposeLoader)
    except (OSError, yaml.YAMLError) as err:
        problems.append(f"{path}: cannot read it as YAML: {err}")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{path}: the top level is not a mapping")
        return None
    return _walk(raw, env, problems, f"{path}", "")


def _walk(value: Any, env: Mapping[str, str], problems: list[str], file: str, where: str) -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, env, problems, file, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, env, problems, file, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):
        return interpolate(value, env, lambda msg: problems.append(f"{file}: {where}: {msg}"))
    return value


def interpolate(text: str, env: Mapping[str, str], report) -> str:
    """Compose's interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
    `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested in defaults."""
    out = []
    i = 0
    while i < len(text):
        char = text[i]
        if char != "$":
            out.append(char)
            i += 1
            continue
        following = text[i + 1 : i + 2]
        if following == "$":
            out.append("$")
            i += 2
        elif following == "{":
            end = _closing_brace(text, i + 1)
            if end < 0:
                report(f"unterminated ${{ in {text!r}")
                return "".join(out) + text[i:]
            out.append(_expand(text[i + 2 : end], env, report))
            i = end + 1
        elif match := re.match(_NAME, text[i + 1 :]):
            out.append(_lookup(match.group(0), env, report))
            i += 1 + len(match.group(0))
        else:
            out.append("$")
            i += 1
    return "".join(out)


def _closing_brace(text: str, opening: int) -> int:
    depth = 0
    for at in range(opening, len(text)):
        if text[at] == "{":
            depth += 1
        elif text[at] == "}":
            depth -= 1
            if depth == 0:
                return at
    return -1


def _expand(body: str, env: Mapping[str, str], report) -> str:
    match = re.fullmatch(rf"({_NAME})(?:(:?[-?+])(.*))?", body, re.S)
    if not match:
        report(f"invalid interpolation ${{{body}}}")
        return ""
    name, op, rest = match.group(1), match.group(2), match.group(3) or ""
    if op is None:
        return _lookup(name, env, report)
    value = env.get(name)
    is_set = value is not None
    is_full = is_set and value != ""
    present = is_full if op.startswith(":") else is_set
    kind = op[-1]
    if kind == "-":
        return value if present else interpolate(rest, env, report)
    if kind == "+":
        return interpolate(rest, env, report) if present else ""
    if not present:  # "?": required
        report(f"${{{name}}} is required: {rest or 'not set'}")
        return ""
    return value


def _lookup(name: str, env: Mapping[str, str], report) -> str:
    if name not in env:
        # Compose would substitute an empty string with a warning; a default keeps `up` working.
        report(f"${{{name}}} has no default (write ${{{name}:-value}})")
        return ""
    return env[name]


@functools.cache
def _validator():
    schema = json.loads(SCHEMA_PATH.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def schema_problems(doc: dict, file: str) -> list[str]:
    """Every place where `doc` breaks the Compose Specification."""
    validator = _validator()
    found = []
    for error in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        # For oneOf/anyOf the most specific sub-error says what is actually wrong.
        best = jsonschema.exceptions.best_match(error.context) if error.context else error
        where = best.json_path if best is not None else error.json_path
        message = best.message if best is not None else error.message
        found.append(f"{file}: {where}: {message} (Compose Specification)")
    return found
