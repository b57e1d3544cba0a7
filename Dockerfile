# syntax=docker/dockerfile:1
# CALMe: build the `calme` binary, then a slim runtime with ONNX Runtime's
# shared library and a non-root user. The model itself lives in a volume
# (docker compose --profile setup run --rm model-setup builds it; see README "Deploy").

ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=bookworm
# Keep in step with ORT_VERSION in scripts/setup-model.sh (scripts/check-deploy.sh checks it).
ARG ORT_VERSION=1.32.0

FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin calme \
    && install -D -m 0755 target/release/calme /out/calme

# ONNX Runtime's shared library, from the same pinned PyPI wheel scripts/setup-model.sh uses.
FROM python:3.11-slim-${DEBIAN_RELEASE} AS onnxruntime
ARG ORT_VERSION
WORKDIR /tmp/ort
RUN pip download --no-cache-dir --no-deps --only-binary=:all: "onnxruntime==${ORT_VERSION}" \
    && python -c "import glob, sys, zipfile; z = zipfile.ZipFile(glob.glob('onnxruntime-*.whl')[0]); v = sys.argv[1]; [z.extract(n, '.') for n in (f'onnxruntime/capi/libonnxruntime.so.{v}', 'onnxruntime/capi/libonnxruntime_providers_shared.so')]" "${ORT_VERSION}" \
    && install -D -m 0644 "onnxruntime/capi/libonnxruntime.so.${ORT_VERSION}" "/out/lib/libonnxruntime.so.${ORT_VERSION}" \
    && install -m 0644 onnxruntime/capi/libonnxruntime_providers_shared.so /out/lib/ \
    && ln -s "libonnxruntime.so.${ORT_VERSION}" /out/lib/libonnxruntime.so

FROM debian:${DEBIAN_RELEASE}-slim AS runtime
# ca-certificates: TLS to the Telegram and Discord APIs.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 calme \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/calme --shell /usr/sbin/nologin calme \
    && install -d -o calme -g calme -m 0750 /var/lib/calme /var/lib/calme/models
COPY --from=onnxruntime /out/lib/ /opt/onnxruntime/lib/
COPY --from=build /out/calme /usr/local/bin/calme
ENV CALME_DATA_DIR=/var/lib/calme \
    ORT_DYLIB_PATH=/opt/onnxruntime/lib/libonnxruntime.so \
    CALME_OPS__ADDR=0.0.0.0:9090 \
    CALME_LOG__FORMAT=json
USER 10001:10001
WORKDIR /var/lib/calme
VOLUME ["/var/lib/calme"]
EXPOSE 9090
# Ready = the database answers and the model is loaded (or switched off on purpose).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9090 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM: stop taking messages, finish or cancel replies, flush the database, exit within 10 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["calme"]
CMD ["run"]
