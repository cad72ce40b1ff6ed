# syntax=docker/dockerfile:1
# The federation router: `docker build -f docker/router.Dockerfile .` from the repository root.

# The toolchain CI uses; the runtime image is the same Debian release, so the binary's glibc matches.
FROM rust:1.95-slim-bookworm AS builder
WORKDIR /src
# The whole workspace: cargo loads every member's manifest and targets even for `-p router`.
COPY . .
# Same cache ids as docker/subgraph.Dockerfile: dependencies compiled for one image serve all.
RUN --mount=type=cache,id=shop-cargo-registry,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,id=shop-cargo-git,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,id=shop-target,target=/src/target,sharing=locked \
    cargo build --locked --release -p router --bin router \
    && install -D -m 0755 target/release/router /out/router

FROM debian:bookworm-slim AS runtime
LABEL org.opencontainers.image.title="router" \
      org.opencontainers.image.description="The shop federation router"
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home app
COPY --from=builder /out/router /usr/local/bin/router
COPY --chmod=0755 docker/probe /usr/local/bin/probe
# The composed supergraph (and the subgraph SDLs it was composed from, for `router plan`).
COPY schema/ /app/schema/
WORKDIR /app
USER 10001:10001
# `router serve` reads these when no flag is given; the supergraph's routing URLs point at
# 127.0.0.1, so a deployment sets SUBGRAPH_<NAME>_URL (see docker-compose.yml).
ENV SUPERGRAPH_PATH=/app/schema/supergraph.graphql \
    ROUTER_HOST=0.0.0.0 \
    ROUTER_PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/probe", "/health"]
ENTRYPOINT ["/usr/local/bin/router"]
CMD ["serve", "--log-json"]
