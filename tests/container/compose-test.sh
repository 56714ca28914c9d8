#!/usr/bin/env bash
# Compose check, run by .ci/run: `podman-compose up` of the repository's compose.yaml delivers a digest to its mail
# catcher. What cannot be pulled here is overridden by a file written below: MailDev is built locally
# (tests/container/maildev/Dockerfile, same version as compose.yaml's public image), and the config points at feeds
# served from the host, reached through the gateway of the project's network (created here with a known subnet;
# podman-compose 1.0.3 cannot put a service on the host network). The services talk as compose.yaml says (SMTP to
# `maildev`), and the test reads MailDev's API on the published port 1080.
# compose.yaml itself, as users get it, is unchanged. Needs root and Debian's podman-compose.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

podman_path=$repo/../shared/container/podman.sh
work=$(mktemp -d)
project=monitorci$$
pids=()
compose=(podman-compose --podman-path "$podman_path" -p "$project" -f compose.yaml -f "$work/compose.ci.yaml")

cleanup() {
  [[ -n "${KEEP:-}" ]] && return 0
  "${compose[@]}" down -v >/dev/null 2>&1 || true
  "$podman_path" network rm -f "${project}_default" >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "compose test FAILED: $*" >&2; exit 1; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

feeds_port=$(free_port)
subnet=10.199.$((RANDOM % 200 + 20))
"$podman_path" network create --subnet "$subnet.0/24" --gateway "$subnet.1" "${project}_default" >/dev/null
mkdir -p "$work/feeds" "$work/config"
/usr/bin/python3 - "$work/feeds/wire.rss.xml" <<'PY'
import sys, time
from email.utils import formatdate
item = ("<item><title>US rule requires licences for Nvidia H20 shipments to China</title><link>https://news.example.test/h20</link>"
        "<guid>https://news.example.test/h20</guid><description>The Commerce Department issued export controls on Nvidia H20 chips "
        f"sold to China and added twelve companies to the Entity List.</description><pubDate>{formatdate(time.time() - 7200, usegmt=True)}</pubDate></item>")
open(sys.argv[1], "w").write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
                             f'<link>https://news.example.test/</link><description>test</description>{item}</channel></rss>')
PY
(cd "$work/feeds" && exec /usr/bin/python3 -m http.server "$feeds_port" --bind 0.0.0.0 >/dev/null 2>&1) &
pids+=($!)
cp config/watchlists.yaml config/appsettings.json "$work/config/"
printf 'feeds:\n  - url: http://%s.1:%s/wire.rss.xml\n' "$subnet" "$feeds_port" >"$work/config/feeds.yaml"
chmod -R a+rX "$work/config"

cat >"$work/compose.ci.yaml" <<YAML
services:
  monitor:
    environment:
      MONITOR_CONFIG: /test-config
    volumes:
      - $work/config:/test-config:ro
  maildev:
    image: localhost/monitor-ci-maildev
YAML

echo "== compose: podman-compose up (compose.yaml + a local MailDev build)"
# Built here (podman-compose would try to pull the image named in compose.yaml): fully qualified, so nothing is pulled.
"$podman_path" build -q -t localhost/monitor-ci-maildev tests/container/maildev >"$work/maildev-build.txt" 2>&1 \
  || { tail -30 "$work/maildev-build.txt"; fail "the MailDev stand-in did not build"; }
# The services named: podman-compose ignores `profiles:` and would start the `postgres` profile's services too.
BUILDAH_FORMAT=docker "${compose[@]}" up -d --build monitor maildev >"$work/up.txt" 2>&1 || { tail -30 "$work/up.txt"; fail "podman-compose up failed"; }

# The digest in MailDev's REST API (what its web page at :1080 shows).
for _ in $(seq 1 120); do
  if /usr/bin/python3 - <<'PY' 2>/dev/null
import json, sys, urllib.request
mails = json.load(urllib.request.urlopen("http://127.0.0.1:1080/email", timeout=2))
# The item scores above the shipped watchlists' alert threshold: it comes as an alert (a digest would hold it otherwise).
sys.exit(0 if any(m.get("subject", "").startswith(("Monitor digest", "Monitor alert")) and "Nvidia H20" in (m.get("html") or "") for m in mails) else 1)
PY
  then
    echo "compose: the monitor service delivered its first mail to MailDev (http://127.0.0.1:1080/)"
    exit 0
  fi
  sleep 1
done
"${compose[@]}" logs >"$work/logs.txt" 2>&1 || true
tail -40 "$work/logs.txt"; echo "--- up:"; tail -40 "$work/up.txt"
fail "no digest reached MailDev within 2 minutes"
