#!/usr/bin/env bash
# Soak of issue 9: one `monitor run` polling N generated feeds on a short interval, to measure what a poll cycle costs.
#
#   tests/load/soak.sh [--feeds N] [--items M] [--interval MINUTES] [--rounds R] [--changed FRACTION] [--seed S] [--cold-timeout SECONDS] [--keep] [--results FILE]
#
# 1. generates N feeds x M items (tests/Monitor.Load) and serves them with nginx, as run.sh does;
# 2. starts `monitor run` with every feed on an explicit `interval: MINUTES` and waits until it has polled every
#    feed once (the cold cycle: everything new);
# 3. then, R times, starts a round: about FRACTION of the feeds get one new item (the generator's --round), and the
#    round lasts MINUTES, so each feed is due once in it; the process's CPU time (/proc/PID/stat) is read at each
#    round boundary, and nginx's access log says how many polls (200 and 304) each round served;
# 4. stops the run with SIGTERM and prints a markdown table: per round the CPU seconds, polls, new articles, the
#    CPU share of the machine, CPU per poll, and from the mean of the rounds how many feeds one instance of this
#    machine polls every 15 minutes at 25% CPU.
# See "Soak" in docs/benchmarks.md.
set -euo pipefail

FEEDS=10000
ITEMS=20
SEED=9
INTERVAL=5
ROUNDS=3
CHANGED=0.2
COLD_TIMEOUT=3600
KEEP=0
RESULTS=""
usage() { sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --feeds) FEEDS="$2"; shift 2 ;;
        --items) ITEMS="$2"; shift 2 ;;
        --interval) INTERVAL="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --changed) CHANGED="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --cold-timeout) COLD_TIMEOUT="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --results) RESULTS="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done

# The rounds' items are dated after this hour: the generator needs the same --now for every round.
NOW="$(date -u '+%Y-%m-%dT%H:00:00Z')"
PACKAGES=()
GENERATOR_ARGS=(--now "$NOW")
# shellcheck source=tests/load/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Every feed on the soak's interval (an explicit interval wins over the adaptive one).
sed -i "s|^  - url: .*|&\n    interval: ${INTERVAL}m|" "$WORK/monitor/config/feeds.yaml"
[[ "$(grep -c "^    interval: ${INTERVAL}m" "$WORK/monitor/config/feeds.yaml")" == "$FEEDS" ]] || { log "could not set the interval"; exit 1; }

TICKS="$(getconf CLK_TCK)"
cpu_seconds() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat"; }
served() { wc -l <"$WORK/nginx/access.log"; }
# polled FROM TO: the 200s and 304s nginx served between two access-log line counts.
polled() { sed -n "$(($1 + 1)),$2p" "$WORK/nginx/access.log" | awk '{ if ($1 == 200) a++; else if ($1 == 304) b++; else c++ } END { print a + 0, b + 0, c + 0 }'; }
# Sum of the "Polled N feeds …: …, K new articles" lines of the run's log so far: feeds and new articles.
polled_log() { grep -o 'Polled [0-9]* feeds in [0-9.]* s: [0-9]* failed, [0-9]* new' "$WORK/run.err" | awk '{ f += $2; n += $9 } END { print f + 0, n + 0 }'; }

RUN=("$WORK/publish/monitor" run --config "$WORK/monitor/config" --data "$WORK/monitor/data")
log "starting monitor run: $FEEDS feeds every $INTERVAL min (load average $(cut -d' ' -f1-3 /proc/loadavg))"
started=$(date +%s.%N)
/usr/bin/time -v -o "$WORK/run.time" "${RUN[@]}" >"$WORK/run.out" 2>"$WORK/run.err" &
TIME_PID=$!
for _ in $(seq 1 100); do
    PID="$(pgrep -P "$TIME_PID" || true)"
    [[ -n "$PID" ]] && break
    sleep 0.1
done
[[ -n "$PID" ]] || { log "monitor run did not start"; cat "$WORK/run.err" >&2; exit 1; }
PIDS=("$PID" "${PIDS[@]}")   # stopped first by the clean-up, before nginx and the sink

# --- the cold cycle ----------------------------------------------------------------------------------------------
while :; do
    kill -0 "$PID" 2>/dev/null || { log "monitor run ended during the cold cycle"; tail -20 "$WORK/run.err" >&2; exit 1; }
    read -r feeds_polled _ < <(polled_log)
    [[ "$feeds_polled" -ge "$FEEDS" ]] && break
    if awk -v s="$started" -v n="$(date +%s.%N)" -v l="$COLD_TIMEOUT" 'BEGIN { exit !(n - s > l) }'; then
        log "the cold cycle did not end within $COLD_TIMEOUT s ($feeds_polled feeds polled)"; exit 1
    fi
    sleep 2
done
cold_wall=$(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.0f", n - s }')
cold_cpu=$(cpu_seconds "$PID")
cold_rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
read -r _ cold_new < <(polled_log)
log "cold cycle: $FEEDS feeds in $cold_wall s, $cold_cpu s CPU, $cold_new new articles, peak RSS $cold_rss MB"

# --- the rounds --------------------------------------------------------------------------------------------------
# Each round lasts one interval, so each feed comes due once in it (round 1 finds them all due: the cold cycle took
# longer than an interval).
ROWS=()
total_cpu=0; total_polls=0; total_200=0; total_304=0; total_new=0
round_seconds=$((INTERVAL * 60))
next=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
    dotnet "$WORK/generator/monitor-load.dll" --out "$WORK/feeds" --base-url "http://127.0.0.1:$HTTP_PORT" \
        --feeds "$FEEDS" --items "$ITEMS" --seed "$SEED" --now "$NOW" --round "$round" --changed "$CHANGED" \
        --round-minutes "$INTERVAL" >"$WORK/round-$round.txt"
    changed_feeds="$(grep -o '[0-9]* of' "$WORK/round-$round.txt" | cut -d' ' -f1)"
    cpu_before=$(cpu_seconds "$PID"); log_before="$(served)"; read -r _ new_before < <(polled_log)
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    log "round $round: $changed_feeds feeds changed (load average $load)"
    next=$((next + round_seconds))
    sleep $((next - $(date +%s)))
    kill -0 "$PID" 2>/dev/null || { log "monitor run ended in round $round"; tail -20 "$WORK/run.err" >&2; exit 1; }
    cpu_after=$(cpu_seconds "$PID"); log_after="$(served)"; read -r _ new_after < <(polled_log)
    read -r ok notmod other < <(polled "$log_before" "$log_after")
    cpu=$(awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN { printf "%.1f", a - b }')
    polls=$((ok + notmod))
    share=$(awk -v c="$cpu" -v s="$round_seconds" -v n="$(nproc)" 'BEGIN { printf "%.1f", 100 * c / (s * n) }')
    per_poll=$(awk -v c="$cpu" -v p="$polls" 'BEGIN { if (p > 0) printf "%.2f", 1000 * c / p; else print "n/a" }')
    ROWS+=("| $round | $changed_feeds | $ok / $notmod / $other | $((new_after - new_before)) | $cpu | $share% | $per_poll | $load |")
    log "  $cpu s CPU ($share% of $(nproc) cores), polls 200/304/other $ok/$notmod/$other, $((new_after - new_before)) new articles"
    total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { print a + b }')
    total_polls=$((total_polls + polls)); total_200=$((total_200 + ok)); total_304=$((total_304 + notmod))
    total_new=$((total_new + new_after - new_before))
done

kill -TERM "$PID"
wait "$TIME_PID" || true
PIDS=("${PIDS[@]:1}")
peak_rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/run.time")

# --- report ------------------------------------------------------------------------------------------------------
# Feeds one instance polls every 15 minutes at 25% of the machine: 25% of (900 s x cores) over the CPU of a poll.
per_poll_mean=$(awk -v c="$total_cpu" -v p="$total_polls" 'BEGIN { if (p > 0) printf "%.6f", c / p; else print 0 }')
capacity=$(awk -v c="$per_poll_mean" -v n="$(nproc)" 'BEGIN { if (c > 0) printf "%.0f", 0.25 * 900 * n / c; else print "n/a" }')
share15=$(awk -v c="$per_poll_mean" -v f="$FEEDS" -v n="$(nproc)" 'BEGIN { printf "%.1f", 100 * c * f / (900 * n) }')
{
    echo "Monitor $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC; soak of $FEEDS feeds x $ITEMS items, interval $INTERVAL min, $CHANGED of the feeds changed a round"
    echo
    echo "Cold cycle (every feed new, empty database): $cold_wall s wall, $cold_cpu s CPU, $cold_new new articles, peak RSS $cold_rss MB."
    echo
    echo "| round | feeds changed | polls 200 / 304 / other | new articles | CPU s | CPU share of $(nproc) cores | CPU ms per poll | load average at start |"
    echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${ROWS[@]}"
    echo "| all | | $total_200 / $total_304 | $total_new | $total_cpu | $(awk -v c="$total_cpu" -v s="$((round_seconds * ROUNDS))" -v n="$(nproc)" 'BEGIN { printf "%.1f", 100 * c / (s * n) }')% | $(awk -v c="$per_poll_mean" 'BEGIN { printf "%.2f", 1000 * c }') | |"
    echo
    echo "Peak RSS of the whole run: $peak_rss MB. Mean CPU per poll over the rounds: $(awk -v c="$per_poll_mean" 'BEGIN { printf "%.2f", 1000 * c }') ms."
    echo "At that cost, $FEEDS feeds every 15 minutes take $share15% of the machine's CPU; 25% of it polls about $capacity feeds every 15 minutes."
} >"$WORK/results.md"
cat "$WORK/results.md"
[[ -z "$RESULTS" ]] || cp "$WORK/results.md" "$RESULTS"
