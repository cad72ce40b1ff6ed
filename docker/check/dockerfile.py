"""Just enough of Dockerfiles and .dockerignore to tell what an image will contain."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Instruction:
    keyword: str
    args: str
    line: int


@dataclass
class Copy:
    sources: list[str]
    dest: str
    from_stage: str | None
    line: int


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def of(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def args(self) -> dict[str, str | None]:
        """ARG names declared in this stage, with their defaults."""
        return _arg_names(self.of("ARG"))

    def copies(self) -> list[Copy]:
        found = []
        for instruction in self.of("COPY") + self.of("ADD"):
            flags, words = _split_flags(instruction.args)
            if len(words) >= 2:
                found.append(Copy(words[:-1], words[-1], flags.get("from"), instruction.line))
        return found


@dataclass
class Dockerfile:
    path: Path
    global_args: dict[str, str | None]
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def declared_args(self) -> dict[str, str | None]:
        names = dict(self.global_args)
        for stage in self.stages:
            names.update(stage.args())
        return names

    def run_text(self) -> str:
        return "\n".join(i.args for s in self.stages for i in s.of("RUN"))


def parse(path: Path) -> Dockerfile:
    global_args: list[Instruction] = []
    stages: list[Stage] = []
    for instruction in _instructions(path.read_text()):
        if instruction.keyword == "FROM":
            words = instruction.args.split()
            words = [w for w in words if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(words[0] if words else "", name))
        elif stages:
            stages[-1].instructions.append(instruction)
        elif instruction.keyword == "ARG":
            global_args.append(instruction)
    return Dockerfile(path, _arg_names(global_args), stages)


def _instructions(text: str) -> list[Instruction]:
    """Logical instructions: comment lines dropped, backslash continuations joined."""
    found = []
    pending: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        # Comment and blank lines are dropped, even inside a continuation (as docker does).
        if stripped.startswith("#") or not stripped:
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1])
            continue
        pending.append(stripped)
        logical = " ".join(p.strip() for p in pending if p.strip())
        pending = []
        keyword, _, args = logical.partition(" ")
        found.append(Instruction(keyword.upper(), args.strip(), start))
    return found


def _arg_names(instructions: list[Instruction]) -> dict[str, str | None]:
    names: dict[str, str | None] = {}
    for instruction in instructions:
        for word in shlex.split(instruction.args):
            name, eq, default = word.partition("=")
            names[name] = default if eq else None
    return names


def _split_flags(args: str) -> tuple[dict[str, str], list[str]]:
    flags = {}
    rest = args
    while match := re.match(r"--([a-z-]+)(?:=(\S+))?\s+", rest):
        flags[match.group(1)] = match.group(2) or ""
        rest = rest[match.end() :]
    if rest.startswith("["):
        return flags, json.loads(rest)
    return flags, shlex.split(rest)


class DockerIgnore:
    """`.dockerignore` patterns: the last matching pattern wins, `!` re-includes, and a path is
    excluded when it or a folder above it matches."""

    def __init__(self, text: str):
        self.patterns: list[tuple[bool, str, re.Pattern]] = []
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            pattern = line[1:] if negated else line
            pattern = pattern.strip().strip("/")
            if pattern.startswith("./"):
                pattern = pattern[2:]
            self.patterns.append((negated, pattern, re.compile(_glob_to_regex(pattern))))

    def excludes(self, relative: str) -> bool:
        relative = relative.strip("/")
        parts = relative.split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        excluded = False
        for negated, _, regex in self.patterns:
            if any(regex.fullmatch(p) for p in prefixes):
                excluded = not negated
        return excluded

    def names(self) -> list[str]:
        return [p for negated, p, _ in self.patterns if not negated]


def _glob_to_regex(pattern: str) -> str:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)
