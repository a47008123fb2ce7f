# newsgraph as a container: a fully static binary (musl) on an empty image.
#
#   docker build -t newsgraph .
#   docker run --rm -v "$PWD/articles:/in:ro" -v newsgraph-data:/data newsgraph ingest /in --db /data/news.db
#   docker run --rm -p 8080:8080 -v newsgraph-data:/data newsgraph      # serve on http://localhost:8080
#
# The default command serves the store /data/news.db (create it with `ingest` as above) on
# 0.0.0.0:8080. Not built as an image: the machine this was written on has a docker client but
# no daemon (nor podman or buildah). Its steps were run by hand instead (docs/MEASUREMENTS.md,
# #22): the build below in a clean clone, then the binary alone in an empty root directory
# (chroot, uid 65534, empty environment), where `ingest` and `serve` worked as in the examples.

# ---- build: the dist profile (stripped, whole-program LTO) for x86_64-unknown-linux-musl ----
FROM rust:1.88-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/* \
 && rustup target add x86_64-unknown-linux-musl
WORKDIR /src
# The whole checkout: data/ is embedded at compile time (a missing file is a build error), and
# .cargo/config.toml makes the musl build a plain static executable.
COPY . .
RUN cargo build --locked --profile dist --target x86_64-unknown-linux-musl -p newsgraph-cli \
 && cp target/x86_64-unknown-linux-musl/dist/newsgraph /newsgraph \
 && /newsgraph analyze -q examples/articles/geneva-talks.txt > /dev/null \
 && mkdir -p /data && chown 65534:65534 /data

# ---- run: nothing but the binary, its notices and an empty data directory ----
FROM scratch
COPY --from=build /newsgraph /newsgraph
COPY --from=build /src/LICENSE /src/NOTICE /usr/share/doc/newsgraph/
COPY --from=build --chown=65534:65534 /data /data
# No shell, no users file: run as the conventional unprivileged "nobody" id.
USER 65534:65534
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/newsgraph"]
CMD ["serve", "--db", "/data/news.db", "--addr", "0.0.0.0:8080"]
