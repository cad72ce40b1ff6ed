"""Validates the compose files without a Docker engine: the Compose Specification schema, then
the cross-references between compose, Dockerfiles, the init script, schema/ and the workspace.

    python docker/check/check.py REPO_ROOT

Interpolation uses each variable's default (an empty environment), so what is checked is what a
plain `docker compose up` runs. Exits 1 and lists every problem when there is one."""

from __future__ import annotations

import sys
from pathlib import Path

import compose_file
import crossrefs

BASE = "docker-compose.yml"
OVERRIDES = ["docker/compose.scale.yml"]


def main(repo: Path) -> int:
    problems: list[str] = []
    env: dict[str, str] = {}

    docs = {}
    for name in [BASE, *OVERRIDES]:
        doc = compose_file.load(repo / name, env, problems)
        if doc is not None:
            problems += compose_file.schema_problems(doc, name)
            docs[name] = doc
    print(f"compose schema: {compose_file.SCHEMA_PATH.name} from check-jsonschema; files: {', '.join(docs)}")

    if BASE in docs:
        base = crossrefs.Ctx(repo, BASE, docs[BASE], problems)
        subgraphs = crossrefs.load_subgraphs(repo, problems)
        built = crossrefs.check_builds(base)
        crossrefs.check_runtime_stages(base, built)
        crossrefs.check_dockerignore(base, built)
        crossrefs.orphan_dockerfiles(base, built)
        crossrefs.check_volumes_and_depends(base, built)
        crossrefs.check_databases(base)
        crossrefs.check_subgraphs(base, subgraphs)
        crossrefs.check_router(base, built, subgraphs)
        for name in OVERRIDES:
            if name in docs:
                crossrefs.check_scale(crossrefs.Ctx(repo, name, docs[name], problems), base)
        print(f"cross-references: {len(base.services)} services, subgraphs {', '.join(subgraphs)}")

    problems = list(dict.fromkeys(problems))  # one line per problem, in the order found
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"compose check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("compose check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
