#!/usr/bin/env bash
# Load harness of issue 9: Monitor against rss2email on the same generated feeds, served by nginx on 127.0.0.1.
#
#   tests/load/run.sh [--feeds N] [--items M] [--skip-rss2email] [--seed S] [--timeout SECONDS] [--keep] [--results FILE]
#
# 1. generates N feeds x M items (tests/Monitor.Load, seeded: same seed, same feeds),
# 2. serves them with Debian's nginx (foreground, throw-away prefix; ETag and Last-Modified as any static site),
# 3. runs `monitor once` cold (empty data folder) then warm (same data folder, nothing changed),
# 4. runs rss2email (`r2e run`) cold then warm on the same feeds, mailing every item (see docs/benchmarks.md),
# 5. measures each run with /usr/bin/time -v (wall, user+sys CPU, peak RSS) and prints a markdown table.
# Everything listens on 127.0.0.1 only; the Debian packages it needs are installed with apt-get when missing.
# See "Load harness" in docs/benchmarks.md.
set -euo pipefail

FEEDS=500
ITEMS=20
SEED=9
SKIP_R2E=0
KEEP=0
TIMEOUT=0
RESULTS=""
usage() { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --feeds) FEEDS="$2"; shift 2 ;;
        --items) ITEMS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --skip-rss2email) SKIP_R2E=1; shift ;;
        --keep) KEEP=1; shift ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --results) RESULTS="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done

PACKAGES=()
[[ $SKIP_R2E -eq 1 ]] || PACKAGES+=(rss2email)
GENERATOR_ARGS=()
# shellcheck source=tests/load/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- measuring ---------------------------------------------------------------------------------------------------
ROWS=()
# measure NAME TOOL RUN COMMAND...: runs COMMAND under /usr/bin/time -v, records load, HTTP statuses and mails.
measure() {
    local name="$1" tool="$2" run="$3"; shift 3
    local load http_before mails_before status=0
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    http_before="$(wc -l <"$WORK/nginx/access.log")"
    mails_before="$(wc -l <"$WORK/smtp.log")"
    log "$tool $run (load average $load)"
    # --timeout: a run still going after that many seconds is stopped (SIGTERM) and reported with exit code 124.
    local limit=()
    [[ "$TIMEOUT" == 0 ]] || limit=(timeout "$TIMEOUT")
    /usr/bin/time -v -o "$WORK/$name.time" "${limit[@]}" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
    sleep 0.5   # the sink prints a message once the client's QUIT is answered
    local wall cpu rss ok notmod other mails
    wall="$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$WORK/$name.time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }')"
    cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$WORK/$name.time")"
    rss="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/$name.time")"
    read -r ok notmod other < <(tail -n +"$((http_before + 1))" "$WORK/nginx/access.log" |
        awk '{ if ($1 == 200) a++; else if ($1 == 304) b++; else c++ } END { print a + 0, b + 0, c + 0 }')
    mails=$(( $(wc -l <"$WORK/smtp.log") - mails_before ))
    ROWS+=("| $tool | $run | ${FEEDS} × ${ITEMS} | $wall | $cpu | $rss | $ok / $notmod / $other | $mails | $load | $status |")
    eval "${name//-/_}_wall=$wall; ${name//-/_}_rss=$rss"
    log "  wall $wall s, CPU $cpu s, peak RSS $rss MB, HTTP 200/304/other $ok/$notmod/$other, mails $mails, exit $status"
}

MONITOR=("$WORK/publish/monitor" once --config "$WORK/monitor/config" --data "$WORK/monitor/data")
measure monitor-cold Monitor cold "${MONITOR[@]}"
measure monitor-warm Monitor warm "${MONITOR[@]}"

# rss2email: a throw-away config and data file. `new` writes every default into [DEFAULT]; mail goes by SMTP to the
# sink, one mail per item (digest = False, the default). Its first `run` mails every item it finds (only
# `run --no-send` would mark them seen silently), so the cold run fetches, converts and mails all M items of N feeds.
if [[ $SKIP_R2E -eq 0 ]]; then
    R2E_DIR="$WORK/rss2email"
    mkdir -p "$R2E_DIR"
    export XDG_RUNTIME_DIR="$R2E_DIR"   # its lock file
    R2E=(r2e -c "$R2E_DIR/rss2email.cfg" -d "$R2E_DIR/rss2email.json")
    "${R2E[@]}" new to@example.org >"$WORK/r2e-setup.log" 2>&1
    sed -i -e "s/^email-protocol = .*/email-protocol = smtp/" \
           -e "s/^smtp-server = .*/smtp-server = 127.0.0.1:$SMTP_PORT/" \
           -e "s/^smtp-auth = .*/smtp-auth = False/" \
           -e "s/^smtp-ssl = .*/smtp-ssl = False/" \
           -e "s/^from = .*/from = r2e@example.org/" "$R2E_DIR/rss2email.cfg"
    grep -q "^email-protocol = smtp" "$R2E_DIR/rss2email.cfg" || { log "could not configure rss2email"; exit 1; }
    "${R2E[@]}" opmlimport "$WORK/feeds/feeds.opml" >>"$WORK/r2e-setup.log" 2>&1
    measure r2e-cold rss2email cold "${R2E[@]}" run
    measure r2e-warm rss2email warm "${R2E[@]}" run
fi

# --- report ------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "n/a") print "n/a"; else if (v + 0 <= t + 0) print "met"; else print "MISSED" }'; }
peak=$(( monitor_cold_rss > monitor_warm_rss ? monitor_cold_rss : monitor_warm_rss ))
{
    echo "Monitor $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC; feeds: $(sed -n 2p "$WORK/generator.txt" | sed 's/^ *//'); $(sed -n 3p "$WORK/generator.txt" | sed 's/^ *//')"
    echo
    echo "| tool | run | feeds × items | wall s | CPU s (user+sys) | peak RSS MB | HTTP 200 / 304 / other | mails | load average at start (1, 5, 15 min) | exit |"
    echo "| --- | --- | --- | ---: | ---: | ---: | --- | ---: | --- | ---: |"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "| target | value | verdict |"
    echo "| --- | ---: | --- |"
    if [[ $SKIP_R2E -eq 0 ]]; then
        cold=$(ratio "$monitor_cold_wall" "$r2e_cold_wall")
        warm=$(ratio "$monitor_warm_wall" "$r2e_warm_wall")
        echo "| Monitor cold wall ≤ 1/10 of rss2email cold wall | $cold (${monitor_cold_wall} s / ${r2e_cold_wall} s) | $(verdict "$cold" 0.1) |"
        echo "| Monitor warm wall ≤ rss2email warm wall | $warm (${monitor_warm_wall} s / ${r2e_warm_wall} s) | $(verdict "$warm" 1) |"
    fi
    echo "| Monitor peak RSS ≤ 150 MB | $peak MB | $(verdict "$peak" 150) |"
    echo
    echo "Monitor's own figures:"
    for run in cold warm; do
        echo "- $run: $(grep -m1 -o 'Polled [0-9]* feeds in .*' "$WORK/monitor-$run.err"); $(grep -m1 -o 'Dedup history: .*' "$WORK/monitor-$run.err"); $(grep -h '^Articles:\|^Digests:' "$WORK/monitor-$run.out" | tr '\n' ' ')"
    done
} >"$WORK/results.md"
cat "$WORK/results.md"
[[ -z "$RESULTS" ]] || cp "$WORK/results.md" "$RESULTS"
