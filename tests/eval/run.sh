#!/usr/bin/env bash
# The evaluation we run like a user: labelled articles served as RSS feeds on 127.0.0.1, one `monitor once` with the
# repository's config/, the digests received by a real SMTP server and read back ("Evaluation on labelled articles"
# in README.md).
#
#   tests/eval/run.sh [--set DIR]... [--variant NAME ENV=VALUE...]... [--repeat N] [--db-pairs] [--timeout SECONDS]
#                     [-- MONITOR...]
#
# --set DIR      a labelled set (a folder with articles.jsonl); default: beat-stream and news-eval in
#                $MONITOR_EVAL_DATA, else in ../shared beside the repository. A missing set is skipped (one line).
# --variant      runs every set again with these extra environment variables (e.g. --variant strict
#                MONITOR_Dedup__StoryAnchorThreshold=8) and ends with one row per variant; repeatable.
# --repeat N     runs each variant N times (NAME.1, NAME.2 …): feeds are polled concurrently, so the order articles
#                meet the story index, and with it the grouping, can change from one run to the next.
# --db-pairs     also lists the wrong and missed joins of the stored story keys, with each article's dedup_reason.
# --timeout      seconds one `monitor once` may take (600).
# MONITOR        the command to run; default: src/Monitor published in Release once, run as `dotnet DIR/monitor.dll`.
# KEEP=DIR keeps the feeds, config, data folder, mail and log of every run in DIR. Needs Debian's python3-aiosmtpd.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/tests/eval"
PY=/usr/bin/python3
usage() { sed -n '6,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }

SETS=() VARIANTS=(baseline) VARIANT_ENV=("") REPEAT=1 DB_PAIRS=() TIMEOUT=600 CMD=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --set) SETS+=("$2"); shift 2 ;;
        --variant)
            [[ $# -ge 2 && "$2" != -* ]] || usage
            VARIANTS+=("$2"); shift 2; vars=""
            while [[ $# -gt 0 && "$1" == *=* && "$1" != -* ]]; do vars+="$1"$'\n'; shift; done
            VARIANT_ENV+=("$vars") ;;
        --repeat) REPEAT="$2"; shift 2 ;;
        --db-pairs) DB_PAIRS=(--db-pairs); shift ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --) shift; CMD=("$@"); break ;;
        -h|--help) usage 0 ;;
        *) echo "unknown argument: $1" >&2; usage ;;
    esac
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ && "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || usage
if [[ ${#SETS[@]} -eq 0 ]]; then
    data="${MONITOR_EVAL_DATA:-$REPO/../shared}"
    SETS=("$data/beat-stream" "$data/news-eval")
fi
# The monitor reads every MONITOR_ variable as configuration: only the harness and the variants may set any.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(MONITOR_[^=]*\)=.*/\1/p')

present=()
for set in "${SETS[@]}"; do
    if [[ -f "$set/articles.jsonl" ]]; then present+=("$(cd "$set" && pwd)")
    else echo "skipped $(basename "$set"): no $set/articles.jsonl (set MONITOR_EVAL_DATA to the folder of the sets)"; fi
done
[[ ${#present[@]} -gt 0 ]] || exit 0

WORK="${KEEP:-$(mktemp -d /tmp/monitor-eval.XXXXXX)}"
mkdir -p "$WORK"
HTTP_PID="" SINK_PID="" MONITOR_PID=""
cleanup() {
    local status=$?
    for pid in $MONITOR_PID $SINK_PID $HTTP_PID; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "${KEEP:-}" ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
    echo "nothing listens on 127.0.0.1:$1" >&2; exit 1
}

if [[ ${#CMD[@]} -eq 0 ]]; then
    echo "publishing src/Monitor (Release) to $WORK/publish" >&2
    dotnet publish -c Release "$REPO/src/Monitor" -o "$WORK/publish" --nologo -v q >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log" >&2; exit 1; }
    CMD=(dotnet "$WORK/publish/monitor.dll")
fi

mkdir -p "$WORK/feeds"
HTTP_PORT="$(free_port)"
"$PY" -m http.server "$HTTP_PORT" --bind 127.0.0.1 --directory "$WORK/feeds" >/dev/null 2>&1 &
HTTP_PID=$!
wait_port "$HTTP_PORT"

# run_once SET_DIR VARIANT ENV...: one `monitor once` on the set's feeds, scored; its JSON line goes to results.jsonl.
FAILED=0
run_once() {
    local set="$1" variant="$2"; shift 2
    local name run status=0
    name="$(basename "$set")"
    run="$WORK/$name/$variant"
    rm -rf "$run"; mkdir -p "$run/mail"
    local smtp_port; smtp_port="$(free_port)"
    "$PY" "$HERE/sink.py" "$smtp_port" "$run/mail" >"$run/sink.log" 2>&1 &
    SINK_PID=$!
    wait_port "$smtp_port"
    cp -r "$REPO/config" "$run/config"
    { echo "feeds:"; sed "s|^|  - url: http://127.0.0.1:$HTTP_PORT/$name/|; s|$|.xml|" "$WORK/feeds/$name.list"; } \
        >"$run/config/feeds.yaml"
    # In the background, so that a signal to this script stops the run at once (timeout passes it on).
    env MONITOR_Feeds__LookbackDays=3650 MONITOR_Smtp__Host=127.0.0.1 MONITOR_Smtp__Port="$smtp_port" \
        MONITOR_Smtp__Security=None "$@" timeout --kill-after=10 "$TIMEOUT" "${CMD[@]}" \
        once --config "$run/config" --data "$run/data" >"$run/once.log" 2>&1 &
    MONITOR_PID=$!
    wait "$MONITOR_PID" || status=$?
    MONITOR_PID=""
    kill -TERM "$SINK_PID"; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=""
    if [[ $status -ne 0 ]]; then
        FAILED=1
        [[ $status -eq 124 ]] && echo "$name / $variant: monitor once timed out after $TIMEOUT s" >&2
        echo "$name / $variant: monitor once exited $status; the end of $run/once.log:" >&2
        tail -5 "$run/once.log" >&2
    fi
    "$PY" "$HERE/score.py" "$set/articles.jsonl" "$run" --set "$name" --variant "$variant" --exit "$status" \
        "${DB_PAIRS[@]}" | tee "$run/score.txt"
    tail -1 "$run/score.txt" >>"$WORK/results.jsonl"
}

: >"$WORK/results.jsonl"
for set in "${present[@]}"; do
    name="$(basename "$set")"
    "$PY" "$HERE/feeds.py" "$set/articles.jsonl" "$WORK/feeds/$name" >"$WORK/feeds/$name.list"
    for i in "${!VARIANTS[@]}"; do
        mapfile -t extra < <(printf '%s' "${VARIANT_ENV[$i]}")
        for ((n = 1; n <= REPEAT; n++)); do
            label="${VARIANTS[$i]}"
            [[ $REPEAT -eq 1 ]] || label+=".$n"
            run_once "$set" "$label" "${extra[@]}"
        done
    done
done
[[ ${#VARIANTS[@]} -eq 1 && $REPEAT -eq 1 ]] || "$PY" "$HERE/compare.py" "$WORK/results.jsonl"
exit "$FAILED"
