# Shared by the load harness (run.sh) and the soak (soak.sh): packages, throw-away work folder, build, generated
# feeds, nginx and the SMTP sink, and Monitor's config folder. Sourced after the caller has set FEEDS, ITEMS, SEED,
# KEEP and PACKAGES (Debian packages beyond nginx, time, python3-aiosmtpd and curl); GENERATOR_ARGS may add
# arguments to the generator (e.g. --now). Leaves WORK, HTTP_PORT, SMTP_PORT, PIDS and log() for the caller.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/tests/load"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- Debian packages ---------------------------------------------------------------------------------------------
packages=(nginx time python3-aiosmtpd curl "${PACKAGES[@]}")
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]}"
    SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -q "${missing[@]}" >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# --- work folder and clean-up ------------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/monitor-load.XXXXXX)"
PIDS=()
cleanup() {
    local status=$?
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ $KEEP -eq 1 ]]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP_PORT="$(free_port)"
SMTP_PORT="$(free_port)"
while [[ "$SMTP_PORT" == "$HTTP_PORT" ]]; do SMTP_PORT="$(free_port)"; done

# Monitor reads MONITOR_ variables over its appsettings.json: none from the caller's environment may change the run.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(MONITOR_[^=]*\)=.*/\1/p')

# --- build -------------------------------------------------------------------------------------------------------
log "publishing Monitor (Release) and building the generator"
# As the image runs it (Dockerfile): a 16 MB gen-0 budget, unless the caller sets another.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x1000000}"
# As the image publishes it (Dockerfile): framework-dependent, ReadyToRun; JIT=1 publishes without ReadyToRun.
publish_args=(-a "$(dpkg --print-architecture)" --self-contained false -p:UseAppHost=true)
[[ "${JIT:-0}" == 1 ]] || publish_args+=(-p:PublishReadyToRun=true)
dotnet publish -c Release "$REPO/src/Monitor" "${publish_args[@]}" -o "$WORK/publish" --nologo -v q >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; exit 1; }
dotnet build -c Release "$REPO/tests/Monitor.Load" -o "$WORK/generator" --nologo -v q >"$WORK/generator-build.log" 2>&1 || { cat "$WORK/generator-build.log" >&2; exit 1; }

# --- feeds -------------------------------------------------------------------------------------------------------
log "generating $FEEDS feeds x $ITEMS items (seed $SEED)"
dotnet "$WORK/generator/monitor-load.dll" --out "$WORK/feeds" --base-url "http://127.0.0.1:$HTTP_PORT" \
    --feeds "$FEEDS" --items "$ITEMS" --seed "$SEED" "${GENERATOR_ARGS[@]}" | tee "$WORK/generator.txt" >&2

# --- nginx, in the foreground of its own throw-away prefix -------------------------------------------------------
mkdir -p "$WORK/nginx/tmp"
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root root;"   # the workers must read $WORK (mode 700), as the master does
cat >"$WORK/nginx/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    types { application/rss+xml rss; application/atom+xml atom; }
    default_type application/octet-stream;
    charset utf-8;
    charset_types application/rss+xml application/atom+xml;
    log_format load '\$status \$body_bytes_sent \$request_uri';
    access_log $WORK/nginx/access.log load;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    sendfile on;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$HTTP_PORT;
        root $WORK/feeds/site;
    }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
PIDS+=($!)
/usr/bin/python3 "$HERE/smtp_sink.py" --port "$SMTP_PORT" >"$WORK/smtp.log" 2>"$WORK/smtp.err" &
PIDS+=($!)
first_feed="$(awk '/^  - url: / { print $3; exit }' "$WORK/feeds/feeds.yaml")"
for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$first_feed" && grep -q listening "$WORK/smtp.err" && break
    sleep 0.1
done
curl -sf -o /dev/null "$first_feed" || { log "nginx does not answer"; cat "$WORK/nginx/error.log" >&2; exit 1; }
grep -q listening "$WORK/smtp.err" || { log "the SMTP sink did not start"; cat "$WORK/smtp.err" >&2; exit 1; }
log "nginx on 127.0.0.1:$HTTP_PORT, SMTP sink on 127.0.0.1:$SMTP_PORT"

# Monitor: its own config folder (the generated feeds, the shipped watchlists, one recipient, SMTP to the sink).
mkdir -p "$WORK/monitor/config" "$WORK/monitor/data"
cp "$WORK/feeds/feeds.yaml" "$WORK/monitor/config/feeds.yaml"
cp "$REPO/config/watchlists.yaml" "$WORK/monitor/config/watchlists.yaml"
cat >"$WORK/monitor/config/appsettings.json" <<EOF
{
  "Smtp": { "Host": "127.0.0.1", "Port": $SMTP_PORT, "Security": "None", "From": "Monitor <monitor@example.org>" },
  "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Name": "Analyst" } ] }
}
EOF
