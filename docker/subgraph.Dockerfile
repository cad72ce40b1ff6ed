# syntax=docker/dockerfile:1
# One image per domain subgraph: `docker build -f docker/subgraph.Dockerfile --build-arg SERVICE=users
# --build-arg PORT=4001 .` from the repository root (docker-compose.yml does this for all five).

# The toolchain CI uses; the runtime image is the same Debian release, so the binary's glibc matches.
FROM rust:1.95-slim-bookworm AS builder
WORKDIR /src
# The whole workspace: cargo loads every member's manifest and targets even for `-p one`.
# .dockerignore keeps target/, data/ and the like out of the context.
COPY . .
ARG SERVICE
# Cache mounts keep the registry and target/ across builds, so the five subgraph images (and the
# router's) compile the shared dependencies once and later builds only recompile what changed.
# target/ lives in the cache, so the binary is copied out in the same step.
RUN --mount=type=cache,id=shop-cargo-registry,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,id=shop-cargo-git,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,id=shop-target,target=/src/target,sharing=locked \
    if [ ! -f "subgraphs/${SERVICE:-}/src/main.rs" ]; then \
      echo "build arg SERVICE must name a subgraph under subgraphs/ (got '${SERVICE:-}')" >&2; exit 1; \
    fi \
    && cargo build --locked --release -p "${SERVICE}" --bin "${SERVICE}" \
    && install -D -m 0755 "target/release/${SERVICE}" /out/service

FROM debian:bookworm-slim AS runtime
ARG SERVICE
ARG PORT
# No packages installed: the binaries link only glibc (TLS is rustls, SQLite is bundled) and the
# health probe is a bash script. A fixed numeric uid/gid (10001) lets an orchestrator verify
# "runs as non-root" and lets a volume be chowned before the first start.
LABEL org.opencontainers.image.title="${SERVICE}" \
      org.opencontainers.image.description="The ${SERVICE} subgraph of the shop federation"
RUN if [ -z "${PORT:-}" ]; then echo "build arg PORT is required" >&2; exit 1; fi \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home app \
    && mkdir -p /app/data \
    && chown app:app /app/data
COPY --from=builder /out/service /usr/local/bin/service
COPY --chmod=0755 docker/probe /usr/local/bin/probe
WORKDIR /app
USER 10001:10001
# Standalone `docker run` works: listen on all interfaces, SQLite under /app/data unless
# DATABASE_URL says otherwise.
ENV HOST=0.0.0.0 \
    PORT=${PORT} \
    DATA_DIR=/app/data \
    LOG_FORMAT=json
EXPOSE ${PORT}
# /ready pings the database; the service binds only after migrating and seeding, so the first
# start (seeding 50,000 reviews) needs a generous start period.
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
    CMD ["/usr/local/bin/probe", "/ready"]
ENTRYPOINT ["/usr/local/bin/service"]
