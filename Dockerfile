# courtyard in a container: built with cgo (SQLite), run as a non-root user,
# the database on the volume /data.
#
#   docker build -t courtyard .
#   docker run -d --name courtyard -e COURTYARD_TELEGRAM_TOKEN=... \
#     -v courtyard-data:/data -v $PWD/courtyard.yaml:/etc/courtyard/courtyard.yaml:ro courtyard
#
# In courtyard.yaml set database.path: /data/courtyard.db, and
# http.listen: 127.0.0.1:9090 for the HEALTHCHECK (it passes, doing nothing,
# while the listener is off).

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/courtyard . \
 && /out/courtyard version

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin courtyard \
 && mkdir -p /data /etc/courtyard \
 && chown courtyard:courtyard /data
COPY --from=build /out/courtyard /usr/local/bin/courtyard
COPY config.example.yaml /etc/courtyard/courtyard.example.yaml
USER courtyard:courtyard
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/courtyard"]
CMD ["run", "-config", "/etc/courtyard/courtyard.yaml"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["/usr/local/bin/courtyard", "health", "-config", "/etc/courtyard/courtyard.yaml"]
