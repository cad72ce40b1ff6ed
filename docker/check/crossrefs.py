"""Cross-references the schema cannot see: docker-compose.yml against the Dockerfiles, the
PostgreSQL init script, schema/ (supergraph.yaml, supergraph.graphql) and the cargo workspace."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

import dockerfile as df

ROUTER = "router"
PROBE = "/usr/local/bin/probe"
INIT_DIR = "/docker-entrypoint-initdb.d"


@dataclass
class Ctx:
    repo: Path
    file: str
    doc: dict
    problems: list[str]

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.file}: {message}")

    @property
    def services(self) -> dict[str, dict]:
        return self.doc.get("services") or {}


def env_of(service: dict) -> dict[str, str | None]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.partition("=") for item in env)
        return {k: (v if eq else None) for k, eq, v in pairs}
    return {k: (None if v is None else str(v)) for k, v in env.items()}


def depends_of(service: dict) -> dict[str, str]:
    depends = service.get("depends_on") or {}
    if isinstance(depends, list):
        return {name: "service_started" for name in depends}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in depends.items()}


def env_var_for(subgraph: str) -> str:
    """`SUBGRAPH_<NAME>_URL`, spelled as router/server/src/supergraph_source.rs spells it."""
    return "SUBGRAPH_" + "".join(c.upper() if c.isascii() and c.isalnum() else "_" for c in subgraph) + "_URL"


def bind_mounts(service: dict) -> list[tuple[str, str]]:
    """(source, target) of each volume entry; named volumes have a source without a slash."""
    mounts = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            mounts.append((str(volume.get("source", "")), str(volume.get("target", ""))))
        else:
            parts = str(volume).split(":")
            if len(parts) >= 2:
                mounts.append((parts[0], parts[1]))
    return mounts


def is_path(source: str) -> bool:
    return source.startswith((".", "/", "~"))


def container_ports(service: dict) -> set[str]:
    found = set()
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            found.add(str(port.get("target")))
        else:
            found.add(str(port).rsplit(":", 1)[-1].split("/")[0])
    return found


def flag_value(command: list[str], flag: str) -> str | None:
    for at, word in enumerate(command):
        if word == flag and at + 1 < len(command):
            return command[at + 1]
        if word.startswith(flag + "="):
            return word.split("=", 1)[1]
    return None


def workspace_packages(repo: Path) -> dict[str, tuple[Path, set[str]]]:
    """Package name -> (folder, binary names) for the root package and every member."""
    root = tomllib.loads((repo / "Cargo.toml").read_text())
    folders = [repo] + [repo / m for m in root.get("workspace", {}).get("members", [])]
    packages = {}
    for folder in folders:
        manifest_path = folder / "Cargo.toml"
        if not manifest_path.is_file():
            continue
        manifest = tomllib.loads(manifest_path.read_text())
        name = manifest.get("package", {}).get("name")
        if not name:
            continue
        bins = {b["name"] for b in manifest.get("bin", []) if "name" in b}
        if (folder / "src/main.rs").is_file() and not manifest.get("bin"):
            bins.add(name)
        packages[name] = (folder, bins)
    return packages


# --- builds and images -----------------------------------------------------------------------


def check_builds(ctx: Ctx) -> dict[str, df.Dockerfile]:
    """Build contexts, Dockerfiles and build args; returns each built service's Dockerfile."""
    built = {}
    packages = workspace_packages(ctx.repo)
    for name, service in ctx.services.items():
        build = service.get("build")
        if build is None:
            if "image" not in service:
                ctx.fail(f"services.{name}: neither build nor image")
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = (ctx.repo / build.get("context", ".")).resolve()
        if not context.is_dir():
            ctx.fail(f"services.{name}.build.context {build.get('context')!r} is not a folder")
            continue
        dockerfile_path = context / build.get("dockerfile", "Dockerfile")
        if not dockerfile_path.is_file():
            ctx.fail(f"services.{name}.build.dockerfile {build.get('dockerfile')!r} does not exist")
            continue
        dockerfile = df.parse(dockerfile_path)
        built[name] = dockerfile
        args = build.get("args") or {}
        if isinstance(args, list):
            args = dict(a.partition("=")[::2] for a in args)
        declared = dockerfile.declared_args()
        for arg in args:
            if arg not in declared:
                ctx.fail(f"services.{name}.build.args.{arg}: {rel(ctx, dockerfile_path)} declares no ARG {arg}")
        for arg, default in declared.items():
            if default is None and arg not in args:
                ctx.fail(f"services.{name}.build.args: {rel(ctx, dockerfile_path)} needs ARG {arg} (no default)")
        if "SERVICE" in args:
            check_service_arg(ctx, name, service, str(args["SERVICE"]), args, packages)
        check_cargo_targets(ctx, dockerfile, packages)
    return built


def check_service_arg(ctx: Ctx, name: str, service: dict, package: str, args: dict, packages) -> None:
    if package != name:
        ctx.fail(f"services.{name}.build.args.SERVICE is {package!r}: expected the service's own name")
    if package not in packages or package not in packages[package][1]:
        ctx.fail(f"services.{name}.build.args.SERVICE: no workspace package with a binary named {package!r}")
    port = env_of(service).get("PORT")
    if "PORT" in args and str(args["PORT"]) != port:
        ctx.fail(f"services.{name}: build arg PORT {args['PORT']} differs from environment PORT {port}")


def check_cargo_targets(ctx: Ctx, dockerfile: df.Dockerfile, packages) -> None:
    for match in re.finditer(r"cargo build[^&;\n]*", dockerfile.run_text()):
        words = match.group(0).split()
        package = flag_value(words, "-p") or flag_value(words, "--package")
        binary = flag_value(words, "--bin")
        if "--locked" in words and not (ctx.repo / "Cargo.lock").is_file():
            ctx.fail(f"{rel(ctx, dockerfile.path)} builds with --locked but Cargo.lock does not exist")
        if package and "$" not in package:
            if package not in packages:
                ctx.fail(f"{rel(ctx, dockerfile.path)}: cargo package {package!r} is not in the workspace")
            elif binary and "$" not in binary and binary not in packages[package][1]:
                ctx.fail(f"{rel(ctx, dockerfile.path)}: package {package!r} has no binary {binary!r}")


def check_runtime_stages(ctx: Ctx, built: dict[str, df.Dockerfile]) -> None:
    for dockerfile in {id(d): d for d in built.values()}.values():
        where = rel(ctx, dockerfile.path)
        users = dockerfile.final.of("USER")
        if not users or users[-1].args.split(":")[0] in ("root", "0"):
            ctx.fail(f"{where}: the runtime stage must end with a non-root USER")
        if len(dockerfile.stages) < 2:
            ctx.fail(f"{where}: expected a multi-stage build (builder and runtime)")


def check_dockerignore(ctx: Ctx, built: dict[str, df.Dockerfile]) -> None:
    path = ctx.repo / ".dockerignore"
    if not path.is_file():
        ctx.fail(".dockerignore is missing: target/ would be sent as build context")
        return
    ignore = df.DockerIgnore(path.read_text())
    for needed in ("target", "data", "node_modules"):
        if not ignore.excludes(f"{needed}/x"):
            ctx.fail(f".dockerignore does not exclude {needed}/")
    must_reach = ["Cargo.toml", "Cargo.lock"] + [
        str(folder.relative_to(ctx.repo) / "Cargo.toml") for folder, _ in workspace_packages(ctx.repo).values()
    ]
    for dockerfile in {id(d): d for d in built.values()}.values():
        for stage in dockerfile.stages:
            for copy in stage.copies():
                if copy.from_stage is not None:
                    continue
                for source in copy.sources:
                    if source in (".", "./"):
                        reach = must_reach
                    else:
                        reach = [source]
                        if not (ctx.repo / source).exists():
                            ctx.fail(f"{rel(ctx, dockerfile.path)}:{copy.line}: COPY source {source} does not exist")
                    for item in reach:
                        if ignore.excludes(item):
                            ctx.fail(f"{rel(ctx, dockerfile.path)}:{copy.line}: .dockerignore excludes {item}")


def image_has(dockerfile: df.Dockerfile, path: str) -> bool:
    """The final stage copies a file to `path` (or into a folder that contains it)."""
    for copy in dockerfile.final.copies():
        dest = copy.dest
        if dest == path or (dest.endswith("/") and path.startswith(dest)):
            return True
    return False


def orphan_dockerfiles(ctx: Ctx, built: dict[str, df.Dockerfile]) -> None:
    used = {d.path.resolve() for d in built.values()}
    for path in sorted((ctx.repo / "docker").glob("*Dockerfile*")):
        if path.resolve() not in used:
            ctx.fail(f"{rel(ctx, path)} is built by no service")


# --- service wiring -------------------------------------------------------------------------


def check_volumes_and_depends(ctx: Ctx, built: dict[str, df.Dockerfile], base: Ctx | None = None) -> None:
    # Services as compose merges them: an override's keys win over the base file's.
    everything = dict(base.services) if base else {}
    for name, service in ctx.services.items():
        everything[name] = {**everything.get(name, {}), **service}
    named = set((ctx.doc.get("volumes") or {}).keys()) | set(((base.doc if base else {}).get("volumes") or {}).keys())
    for name, service in ctx.services.items():
        for source, _target in bind_mounts(service):
            if is_path(source):
                if not (ctx.repo / source).exists():
                    ctx.fail(f"services.{name}.volumes: {source} does not exist")
            elif source and source not in named:
                ctx.fail(f"services.{name}.volumes: named volume {source!r} is not declared under volumes")
        for target, condition in depends_of(service).items():
            if target not in everything:
                ctx.fail(f"services.{name}.depends_on: no service {target!r}")
            elif condition == "service_healthy" and not has_healthcheck(everything[target], built.get(target)):
                ctx.fail(f"services.{name}.depends_on.{target}: service_healthy, but {target} has no healthcheck")
        test = (service.get("healthcheck") or {}).get("test")
        if isinstance(test, list) and PROBE in test:
            dockerfile = built.get(name)
            if dockerfile is None or not image_has(dockerfile, PROBE):
                ctx.fail(f"services.{name}.healthcheck runs {PROBE}, which its image does not contain")


def has_healthcheck(service: dict, dockerfile: df.Dockerfile | None) -> bool:
    check = service.get("healthcheck")
    if check is not None:
        return not check.get("disable") and check.get("test") not in (["NONE"], "NONE")
    return dockerfile is not None and bool(dockerfile.final.of("HEALTHCHECK"))


def created_databases(ctx: Ctx) -> tuple[str | None, set[str]]:
    """The PostgreSQL service and the databases its init scripts create."""
    for name, service in ctx.services.items():
        if not str(service.get("image", "")).startswith("postgres:"):
            continue
        created: set[str] = set()
        scripts = [s for s, t in bind_mounts(service) if t.startswith(INIT_DIR)]
        if not scripts:
            ctx.fail(f"services.{name}: no init script mounted under {INIT_DIR}")
        for source in scripts:
            path = ctx.repo / source
            if path.is_file():
                text = re.sub(r"--[^\n]*", "", path.read_text())
                created |= set(re.findall(r'(?i)\bCREATE\s+DATABASE\s+"?([A-Za-z0-9_]+)"?', text))
        return name, created
    ctx.fail("no PostgreSQL service (an image postgres:<tag>)")
    return None, set()


def check_databases(ctx: Ctx) -> None:
    postgres, created = created_databases(ctx)
    if postgres is None:
        return
    pg_env = env_of(ctx.services[postgres])
    used: dict[str, str] = {}
    for name, service in ctx.services.items():
        url = env_of(service).get("DATABASE_URL")
        if url is None:
            continue
        where = f"services.{name}.environment.DATABASE_URL"
        parsed = urlparse(url)
        database = parsed.path.lstrip("/")
        if parsed.scheme not in ("postgres", "postgresql"):
            ctx.fail(f"{where}: expected a postgres:// URL, got {url!r}")
            continue
        if parsed.hostname != postgres:
            ctx.fail(f"{where}: host {parsed.hostname!r} is not the PostgreSQL service {postgres!r}")
        if parsed.port not in (None, 5432):
            ctx.fail(f"{where}: port {parsed.port} is not PostgreSQL's 5432")
        if database not in created:
            ctx.fail(f"{where}: database {database!r} is not created by the init script (it creates {', '.join(sorted(created)) or 'none'})")
        if database in used:
            ctx.fail(f"{where}: database {database!r} is also {used[database]}'s; each service owns its database")
        used[database] = name
        if parsed.username != pg_env.get("POSTGRES_USER") or parsed.password != pg_env.get("POSTGRES_PASSWORD"):
            ctx.fail(f"{where}: user or password differ from the {postgres} service's POSTGRES_USER/POSTGRES_PASSWORD")
        if depends_of(service).get(postgres) != "service_healthy":
            ctx.fail(f"services.{name}.depends_on: needs {postgres} with condition service_healthy")
    for database in sorted(created - set(used)):
        ctx.fail(f"the init script creates database {database!r}, which no service uses")


def check_subgraphs(ctx: Ctx, subgraphs: dict[str, str]) -> None:
    for name, routing_url in subgraphs.items():
        service = ctx.services.get(name)
        if service is None:
            ctx.fail(f"schema/supergraph.yaml has subgraph {name!r} but there is no service {name!r}")
            continue
        env = env_of(service)
        where = f"services.{name}"
        expected = {"HOST": "0.0.0.0", "LOG_FORMAT": "json"}
        for key, value in expected.items():
            if env.get(key) != value:
                ctx.fail(f"{where}.environment.{key} must be {value!r} (is {env.get(key)!r})")
        if "DATABASE_URL" not in env:
            ctx.fail(f"{where}.environment: no DATABASE_URL (it would fall back to SQLite in the container)")
        port = env.get("PORT")
        default_port = str(urlparse(routing_url).port)
        if port != default_port:
            ctx.fail(f"{where}.environment.PORT is {port!r}; schema/supergraph.yaml routes {name} to port {default_port}")
        test = (service.get("healthcheck") or {}).get("test") or []
        if "/ready" not in " ".join(test if isinstance(test, list) else [test]):
            ctx.fail(f"{where}.healthcheck must probe /ready (the database answers)")


# --- the router -----------------------------------------------------------------------------


def check_router(ctx: Ctx, built: dict[str, df.Dockerfile], subgraphs: dict[str, str]) -> None:
    router = ctx.services.get(ROUTER)
    if router is None:
        ctx.fail(f"no service {ROUTER!r}")
        return
    env = env_of(router)
    depends = depends_of(router)
    by_var = {env_var_for(name): name for name in subgraphs}
    for var, url in env.items():
        if not re.fullmatch(r"SUBGRAPH_.+_URL", var):
            continue
        where = f"services.{ROUTER}.environment.{var}"
        if var not in by_var:
            ctx.fail(f"{where}: schema/supergraph.yaml has no subgraph with this variable ({', '.join(by_var)})")
        parsed = urlparse(url or "")
        target = ctx.services.get(parsed.hostname or "")
        if target is None:
            ctx.fail(f"{where}: host {parsed.hostname!r} is not a service")
            continue
        port = env_of(target).get("PORT")
        if str(parsed.port) != port:
            ctx.fail(f"{where}: port {parsed.port} but {parsed.hostname} listens on {port}")
        if parsed.path != "/graphql":
            ctx.fail(f"{where}: path {parsed.path!r}, subgraphs serve /graphql")
        if depends.get(parsed.hostname) != "service_healthy":
            ctx.fail(f"services.{ROUTER}.depends_on: needs {parsed.hostname} with condition service_healthy")
    for var, name in by_var.items():
        if var not in env:
            ctx.fail(f"services.{ROUTER}.environment: no {var} for subgraph {name} (it would call 127.0.0.1)")

    command = router.get("command") or []
    if isinstance(command, str):
        command = command.split()
    if not command or command[0] != "serve":
        ctx.fail(f"services.{ROUTER}.command must start with `serve`")
    if flag_value(command, "--host") != "0.0.0.0":
        ctx.fail(f"services.{ROUTER}.command: --host must be 0.0.0.0 to be reachable from other containers")
    if "--log-json" not in command:
        ctx.fail(f"services.{ROUTER}.command: --log-json missing (JSON logs)")
    port = flag_value(command, "--port") or "4000"
    if port not in container_ports(router):
        ctx.fail(f"services.{ROUTER}.ports: container port {port} (the router's --port) is not published")
    test = (router.get("healthcheck") or {}).get("test") or []
    if "/health" not in test or (PROBE in test and port not in test):
        ctx.fail(f"services.{ROUTER}.healthcheck must probe /health on port {port}")
    supergraph = flag_value(command, "--supergraph")
    if supergraph is None:
        ctx.fail(f"services.{ROUTER}.command: no --supergraph")
    elif ROUTER in built:
        check_supergraph_in_image(ctx, built[ROUTER], supergraph, subgraphs)


def check_supergraph_in_image(ctx: Ctx, dockerfile: df.Dockerfile, path: str, subgraphs: dict[str, str]) -> None:
    """The --supergraph path is inside a COPY of the runtime stage, from a file that exists."""
    where = rel(ctx, dockerfile.path)
    source_file = None
    for copy in dockerfile.final.copies():
        if copy.from_stage is not None or len(copy.sources) != 1:
            continue
        dest, source = copy.dest, copy.sources[0]
        if dest == path:
            source_file = source
        elif dest.endswith("/") and path.startswith(dest):
            inside = path[len(dest) :]
            source_file = f"{source.rstrip('/')}/{inside}" if (ctx.repo / source).is_dir() else None
    if source_file is None:
        ctx.fail(f"services.{ROUTER}.command: --supergraph {path} is not copied into the image by {where}")
        return
    file = ctx.repo / source_file
    if not file.is_file():
        ctx.fail(f"{where}: the image's {path} comes from {source_file}, which does not exist "
                 "(compose it from schema/supergraph.yaml, as that file's header says)")
        return
    graphs = set(re.findall(r'@join__graph\(\s*name:\s*"([^"]+)"', file.read_text()))
    if graphs != set(subgraphs):
        ctx.fail(f"{source_file} joins {sorted(graphs)} but schema/supergraph.yaml lists {sorted(subgraphs)}")


# --- docker/compose.scale.yml -------------------------------------------------------------------


def check_scale(ctx: Ctx, base: Ctx) -> None:
    """The override only adds to the base: services it changes exist there, the load balancer's
    config points at the router's port, and the router can have several replicas."""
    built: dict[str, df.Dockerfile] = {}
    check_volumes_and_depends(ctx, built, base)
    router = base.services.get(ROUTER, {})
    if "container_name" in router:
        ctx.fail(f"services.{ROUTER} in the base file has container_name: it cannot have replicas")
    override = ctx.services.get(ROUTER, {})
    if "deploy" in override and container_ports(override):
        ctx.fail(f"services.{ROUTER}: replicas cannot all publish the same host port (use ports: !reset [])")
    command = router.get("command") or []
    router_port = flag_value(command if isinstance(command, list) else command.split(), "--port") or "4000"
    for name, service in ctx.services.items():
        if name not in base.services and "image" not in service and "build" not in service:
            ctx.fail(f"services.{name} is neither in docker-compose.yml nor has an image")
        for source, _ in bind_mounts(service):
            path = ctx.repo / source
            if path.suffix == ".conf" and path.is_file():
                for upstream in re.findall(r"https?://([A-Za-z0-9_.-]+):(\d+)", path.read_text()):
                    host, port = upstream
                    if host not in base.services:
                        ctx.fail(f"{rel(ctx, path)} proxies to {host}, which is not a service")
                    elif host == ROUTER and port != router_port:
                        ctx.fail(f"{rel(ctx, path)} proxies to {host}:{port}, the router listens on {router_port}")


def load_subgraphs(repo: Path, problems: list[str]) -> dict[str, str]:
    path = repo / "schema/supergraph.yaml"
    try:
        config = yaml.safe_load(path.read_text())
        return {name: spec["routing_url"] for name, spec in config["subgraphs"].items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as err:
        problems.append(f"schema/supergraph.yaml: cannot read its subgraphs: {err}")
        return {}


def rel(ctx: Ctx, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ctx.repo.resolve()))
    except ValueError:
        return str(path)
