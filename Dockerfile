# courtyard in a container: built with cgo (SQLite), run as a non-root user,
# the database on the volume /data.
#
#   docker build -t courtyard .
#   docker run -d --name courtyard -e COURTYARD_TELEGRAM_TOKEN=... \
#     -v courtyard-data:/data -v $PWD/courtyard.yaml:/etc/courtyard/courtyard.yaml:ro courtyard
#
# In courtyard.yaml set database.path: /data/courtyard.db, and
# http.listen: 127.0.0.1:9090 for the HEALTHCHECK (it passes, doing nothing,
# while the listener is off). docs/operations.md has the rest.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# Only the sources the binary is built from (and the files they embed):
# a test checks this list against `go list -deps`.
COPY *.go ./
COPY app/ app/
COPY bot/ bot/
COPY commands/ commands/
COPY config/ config/
COPY holiday/ holiday/
COPY locale/ locale/
COPY schedule/ schedule/
COPY storage/ storage/
COPY telegram/ telegram/
COPY try/ try/
COPY when/ when/
COPY workweek/ workweek/
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/courtyard . \
 && /out/courtyard version

FROM debian:bookworm-slim
# fonts-wqy-microhei: the Chinese labels of /summary's chart.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates fonts-wqy-microhei \
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
