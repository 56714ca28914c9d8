#!/usr/bin/env bash
# Container checks, run by .ci/run once the image is built (../shared/container/podman.sh; root, no TTY).
# The image runs against feeds served from the host (python3 -m http.server) and a real SMTP server on the host
# (Debian's aiosmtpd), through the host network:
#   1. `monitor once` on a read-only root file system (only /data and a /tmp tmpfs writable), as a non-root user:
#      the digest reaches the SMTP server;
#   2. `monitor run`, detached, with the metrics endpoint on: after its first poll, `monitor health` (and the image's
#      HEALTHCHECK) reports healthy and /metrics counts the poll; then `podman stop` (SIGTERM, SIGKILL after 10 s) ends
#      it gracefully: exit code 0 or 143 and the shutdown logged, not a kill after the grace period.
# Usage: tests/container/container-tests.sh IMAGE
set -euo pipefail
cd "$(dirname "$0")/../.."

image=${1:?usage: $0 IMAGE}
podman=../shared/container/podman.sh
work=$(mktemp -d)
name=monitor-ci-run-$$
pids=()

cleanup() {
  "$podman" rm -f "$name" >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "container test FAILED: $*" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_port() {
  for _ in $(seq 1 100); do
    if /usr/bin/python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  fail "nothing listens on 127.0.0.1:$1"
}

feeds_port=$(free_port)
smtp_port=$(free_port)
metrics_port=$(free_port)
mkdir -p "$work/feeds" "$work/config" "$work/data-once" "$work/data-run" "$work/maildir/"{cur,new,tmp}

# One feed with two on-theme items published in the last hours (dates relative to now, so never outside the look-back).
/usr/bin/python3 - "$work/feeds/wire.rss.xml" <<'PY'
import sys, time
from email.utils import formatdate
items = [
    ("US rule requires licences for Nvidia H20 shipments to China", "https://news.example.test/h20",
     "The Commerce Department issued export controls on Nvidia H20 chips sold to China and added twelve companies to the Entity List.", 2),
    ("Netherlands keeps EUV ban on ASML lithography machines", "https://news.example.test/asml",
     "ASML will need an export licence for DUV lithography systems; EUV machines remain banned for Chinese chipmakers such as SMIC.", 3),
]
body = "".join(f"<item><title>{t}</title><link>{l}</link><guid>{l}</guid><description>{d}</description>"
               f"<pubDate>{formatdate(time.time() - h * 3600, usegmt=True)}</pubDate></item>" for t, l, d, h in items)
open(sys.argv[1], "w").write(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
                             f'<link>https://news.example.test/</link><description>test</description>{body}</channel></rss>')
PY
(cd "$work/feeds" && exec /usr/bin/python3 -m http.server "$feeds_port" --bind 127.0.0.1 >/dev/null 2>&1) &
pids+=($!)
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/maildir" &
pids+=($!)
wait_port "$feeds_port"
wait_port "$smtp_port"

cp config/watchlists.yaml "$work/config/"
printf 'feeds:\n  - url: http://127.0.0.1:%s/wire.rss.xml\n' "$feeds_port" >"$work/config/feeds.yaml"
cat >"$work/config/appsettings.json" <<JSON
{
  "Smtp": { "Host": "127.0.0.1", "Port": $smtp_port, "Security": "None", "From": "Monitor <monitor@monitor.test>" },
  "Digest": { "Recipients": [ { "Address": "analyst@example.org", "Alerts": false } ] }
}
JSON
chmod -R a+rX "$work/config"
# The app user of the image (uid 1654) owns its data folders, as the README asks of a bind mount.
chown 1654:1654 "$work/data-once" "$work/data-run"

# The config mounted at /config replaces the image's defaults with no variable to set (the image's MONITOR_CONFIG,
# /app/config, links to /config): the digest can only reach this SMTP server if the mounted appsettings.json is read.
common=(--network host --read-only --tmpfs /tmp -v "$work/config:/config:ro")

echo "== container: once, read-only, against host feeds and SMTP"
"$podman" run --rm "${common[@]}" -v "$work/data-once:/data" "$image" once >"$work/once.txt" 2>&1 \
  || { cat "$work/once.txt"; fail "monitor once exited with $?"; }
grep -q "Digests: 1 composed, 1 delivered, 0 failed" "$work/once.txt" || { cat "$work/once.txt"; fail "no digest delivered"; }
delivered=$(find "$work/maildir/new" -type f | wc -l)
[[ "$delivered" -eq 1 ]] || fail "the SMTP server received $delivered mails, expected 1"
grep -q "US rule requires licences for Nvidia H20" "$work/maildir/new/"* || fail "the digest lacks the on-theme item"
user=$("$podman" run --rm "${common[@]}" -v "$work/data-once:/data" --entrypoint id "$image" -u)
[[ "$user" != "0" ]] || fail "the image runs as root"
echo "container: once delivered 1 digest to the host's SMTP server, as uid $user, root file system read-only"

echo "== container: run, then podman stop"
"$podman" run -d --name "$name" "${common[@]}" -v "$work/data-run:/data" \
  -e MONITOR_Metrics__Enabled=true -e MONITOR_Metrics__Host=127.0.0.1 -e MONITOR_Metrics__Port="$metrics_port" "$image" run >/dev/null 2>"$work/podman-run.txt"
# The log goes to a file before grep reads it: `podman logs | grep -q` fails under pipefail when grep stops at the
# match while podman still writes (SIGPIPE), which made this wait miss a poll logged in the first second.
for _ in $(seq 1 120); do
  "$podman" logs "$name" >"$work/run-so-far.txt" 2>&1 || true
  grep -q "Polled 1 feeds" "$work/run-so-far.txt" && break
  sleep 1
done
grep -q "Polled 1 feeds" "$work/run-so-far.txt" || { tail -20 "$work/run-so-far.txt"; fail "run did not poll"; }
# The heartbeat is written at the end of the tick, after the "Polled" line: wait for health to say so.
for _ in $(seq 1 60); do
  "$podman" exec "$name" /app/monitor health >"$work/health.txt" 2>&1 && break
  sleep 1
done
grep -q "^healthy: " "$work/health.txt" || { cat "$work/health.txt"; fail "monitor health in the container did not report healthy"; }
"$podman" healthcheck run "$name" >/dev/null 2>&1 || fail "the image's HEALTHCHECK failed"
echo "container: $(cut -c1-90 "$work/health.txt")…"
/usr/bin/python3 - "$metrics_port" <<'PY' || fail "/metrics does not count the poll"
import sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=5).read().decode()
sys.exit(0 if 'monitor_feed_polls_total{outcome="ok"} 1' in text else 1)
PY
echo "container: /metrics counts the poll (monitor_feed_polls_total{outcome=\"ok\"} 1)"
started=$(date +%s%N)
"$podman" stop -t 10 "$name" >/dev/null 2>>"$work/podman-run.txt"
stopped_ms=$(( ($(date +%s%N) - started) / 1000000 ))
code=$("$podman" inspect "$name" --format '{{.State.ExitCode}}')
"$podman" logs "$name" >"$work/run.txt" 2>&1
[[ "$code" == 0 || "$code" == 143 ]] || { tail -20 "$work/run.txt"; fail "run exited with $code after podman stop"; }
grep -q "Monitor stopped" "$work/run.txt" || { tail -20 "$work/run.txt"; fail "the shutdown was not logged"; }
echo "container: run polled, then stopped gracefully on SIGTERM in ${stopped_ms} ms (exit code $code)"
