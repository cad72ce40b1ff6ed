"""The compose check catches what it claims to: each test breaks one thing in a copy of the
deployment files and expects the check to fail with a message naming it.

    python -m unittest discover -s docker/check      (scripts/check-deploy runs it)"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import tomllib
import unittest
from pathlib import Path

import check

REPO = Path(__file__).resolve().parents[2]
SUBGRAPHS = ["users", "products", "inventory", "reviews", "carts"]


def supergraph(names: list[str]) -> str:
    """Only the part the check reads: the join__Graph enum."""
    values = "\n".join(
        f'  {n.upper()} @join__graph(name: "{n}", url: "http://127.0.0.1:400{i + 1}/graphql")'
        for i, n in enumerate(names)
    )
    return f"enum join__Graph {{\n{values}\n}}\n"


class ComposeCheck(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="check-deploy-"))
        self.addCleanup(shutil.rmtree, self.dir)
        for name in ["docker-compose.yml", ".dockerignore", "Cargo.toml", "Cargo.lock", "schema/supergraph.yaml"]:
            self.copy(name)
        shutil.copytree(REPO / "docker", self.dir / "docker")
        members = tomllib.loads((REPO / "Cargo.toml").read_text())["workspace"]["members"]
        for member in ["."] + members:
            self.copy(f"{member}/Cargo.toml")
            if (REPO / member / "src/main.rs").is_file():
                self.copy(f"{member}/src/main.rs")
        # These tests check the checker, not the repository (check.py does that): the files
        # another part of the build produces are stood in for when missing.
        (self.dir / "schema/supergraph.graphql").write_text(supergraph(SUBGRAPHS))
        if not (self.dir / "Cargo.lock").exists():
            (self.dir / "Cargo.lock").write_text("version = 4\n")

    def copy(self, name: str) -> None:
        target = self.dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name).is_file():
            shutil.copy(REPO / name, target)

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        path = self.dir / name
        text = path.read_text()
        self.assertIn(old, text, f"the test's premise: {name} contains {old!r}")
        path.write_text(text.replace(old, new, count))

    def run_check(self) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = check.main(self.dir)
        return code, err.getvalue()

    def assert_fails(self, *fragments: str) -> None:
        code, errors = self.run_check()
        self.assertEqual(code, 1, "the check passed")
        for fragment in fragments:
            self.assertIn(fragment, errors)

    def test_the_deployment_files_pass(self):
        code, errors = self.run_check()
        self.assertEqual((code, errors), (0, ""))

    def test_a_database_url_naming_a_database_the_init_script_does_not_create(self):
        self.edit("docker-compose.yml", "@postgres:5432/users", "@postgres:5432/userz")
        self.assert_fails("database 'userz' is not created by the init script")

    def test_a_database_the_init_script_forgets(self):
        self.edit("docker/postgres/init-databases.sql", "CREATE DATABASE carts;", "")
        self.assert_fails("database 'carts' is not created by the init script")

    def test_two_services_sharing_a_database(self):
        self.edit("docker-compose.yml", "@postgres:5432/carts", "@postgres:5432/users")
        self.assert_fails("each service owns its database", "creates database 'carts', which no service uses")

    def test_a_subgraph_url_on_the_wrong_port(self):
        self.edit("docker-compose.yml", "http://reviews:4004/graphql", "http://reviews:4014/graphql")
        self.assert_fails("SUBGRAPH_REVIEWS_URL: port 4014 but reviews listens on 4004")

    def test_a_subgraph_url_naming_no_service(self):
        self.edit("docker-compose.yml", "http://reviews:4004/graphql", "http://review:4004/graphql")
        self.assert_fails("SUBGRAPH_REVIEWS_URL: host 'review' is not a service")

    def test_a_missing_subgraph_url(self):
        self.edit("docker-compose.yml", "      SUBGRAPH_CARTS_URL: http://carts:4005/graphql\n", "")
        self.assert_fails("no SUBGRAPH_CARTS_URL for subgraph carts")

    def test_a_subgraph_of_supergraph_yaml_without_a_service(self):
        path = self.dir / "schema/supergraph.yaml"
        path.write_text(path.read_text() + "  shipping:\n    routing_url: http://127.0.0.1:4006/graphql\n")
        self.assert_fails("has subgraph 'shipping' but there is no service 'shipping'")

    def test_the_supergraph_not_copied_into_the_router_image(self):
        self.edit("docker/router.Dockerfile", "COPY schema/ /app/schema/", "COPY schema/ /app/schemas/")
        self.assert_fails("--supergraph /app/schema/supergraph.graphql is not copied into the image")

    def test_a_missing_supergraph_file(self):
        (self.dir / "schema/supergraph.graphql").unlink()
        self.assert_fails("comes from schema/supergraph.graphql, which does not exist")

    def test_a_supergraph_missing_a_subgraph(self):
        (self.dir / "schema/supergraph.graphql").write_text(supergraph(SUBGRAPHS[:4]))
        self.assert_fails("schema/supergraph.graphql joins")

    def test_a_dockerfile_path_that_does_not_exist(self):
        self.edit("docker-compose.yml", "dockerfile: docker/router.Dockerfile", "dockerfile: docker/Router.Dockerfile")
        self.assert_fails("services.router.build.dockerfile 'docker/Router.Dockerfile' does not exist")

    def test_a_build_arg_port_that_differs_from_the_environment(self):
        self.edit("docker-compose.yml", 'PORT: "4003"\n    environment', 'PORT: "4033"\n    environment')
        self.assert_fails("build arg PORT 4033 differs from environment PORT 4003")

    def test_a_service_arg_naming_no_package(self):
        self.edit("docker-compose.yml", "SERVICE: carts", "SERVICE: cart")
        self.assert_fails("no workspace package with a binary named 'cart'")

    def test_a_schema_violation(self):
        self.edit("docker-compose.yml", "    restart: unless-stopped\n", "    restart: unless-stopped\n    restart_policy: always\n")
        self.assert_fails("restart_policy", "(Compose Specification)")

    def test_a_variable_without_default(self):
        self.edit("docker-compose.yml", "${POSTGRES_PASSWORD:-shop}", "${POSTGRES_PASSWORD}")
        self.assert_fails("${POSTGRES_PASSWORD} has no default")

    def test_a_duplicate_key(self):
        self.edit("docker-compose.yml", "    restart: unless-stopped\n", "    restart: unless-stopped\n    restart: always\n")
        self.assert_fails("duplicate key 'restart'")

    def test_a_subgraph_not_waiting_for_a_healthy_database(self):
        self.edit("docker-compose.yml", "    postgres:\n      condition: service_healthy", "    postgres:\n      condition: service_started")
        self.assert_fails("needs postgres with condition service_healthy")

    def test_a_subgraph_bound_to_loopback(self):
        self.edit("docker-compose.yml", "  HOST: 0.0.0.0", "  HOST: 127.0.0.1")
        self.assert_fails("services.users.environment.HOST must be '0.0.0.0'")

    def test_the_router_without_json_logs(self):
        self.edit("docker-compose.yml", "      - --log-json\n", "")
        self.assert_fails("--log-json missing")

    def test_a_dockerignore_that_sends_target(self):
        self.edit(".dockerignore", "target/\n**/target/\n", "")
        self.assert_fails(".dockerignore does not exclude target/")

    def test_a_dockerignore_that_hides_the_probe(self):
        self.edit(".dockerignore", "!docker/probe\n", "")
        self.assert_fails(".dockerignore excludes docker/probe")

    def test_a_runtime_stage_running_as_root(self):
        self.edit("docker/router.Dockerfile", "USER 10001:10001", "USER root")
        self.assert_fails("docker/router.Dockerfile: the runtime stage must end with a non-root USER")

    def test_a_load_balancer_pointing_at_the_wrong_router_port(self):
        self.edit("docker/nginx/router-lb.conf", "http://router:4000", "http://router:4001")
        self.assert_fails("proxies to router:4001, the router listens on 4000")

    def test_router_replicas_publishing_the_same_port(self):
        self.edit("docker/compose.scale.yml", "ports: !reset []", "ports: ['4000:4000']")
        self.assert_fails("replicas cannot all publish the same host port")

    def test_a_missing_cargo_lock_with_locked_builds(self):
        (self.dir / "Cargo.lock").unlink()
        self.assert_fails("builds with --locked but Cargo.lock does not exist")


if __name__ == "__main__":
    unittest.main()
